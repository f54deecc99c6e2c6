using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

public class ChunkGridTests
{
    [Fact]
    public void Counts_partial_edge_chunks_and_clips_their_regions()
    {
        var grid = new ChunkGrid([5, 7], [2, 3]);

        Assert.Equal(new long[] { 3, 3 }, grid.GridShape);
        Assert.Equal(9, grid.ChunkCount);
        Assert.Equal("0:2,0:3", grid.ChunkRegion(0).ToString());
        Assert.Equal("0:2,6:7", grid.ChunkRegion(2).ToString());
        Assert.Equal("4:5,6:7", grid.ChunkRegion(8).ToString());
    }
}
