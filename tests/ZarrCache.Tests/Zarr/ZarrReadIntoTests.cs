using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class ZarrReadIntoTests
{
    /// <summary>A 7×9 int32 array in 3×4 chunks (Blosc), rows 0–5 written with 0…53 and row 6 left fill (-1).</summary>
    internal static async Task<ZarrArray> ArrayAsync(DecodedChunkCache? decoded = null, MemoryStore? store = null)
    {
        store ??= new MemoryStore();
        var created = await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions
        {
            Shape = [7, 9],
            ChunkShape = [3, 4],
            DataType = ZarrDataTypeKind.Int32,
            Compressor = ZarrCompressor.Blosc("lz4", 5),
            FillValue = -1,
        });
        await created.WriteAsync<int>(ArraySelection.Parse("0:6,0:9"), Enumerable.Range(0, 54).ToArray()); // row 6 stays fill
        return await ZarrArray.OpenAsync(store, "a", new ZarrArrayOptions { ChunkCache = decoded });
    }

    [Theory]
    [InlineData(false, "1:7,2:9")]
    [InlineData(true, "1:7,2:9")]
    [InlineData(false, "4,:")]
    [InlineData(true, ":,0:4")]
    public async Task Reading_into_a_slice_of_a_larger_buffer_gives_what_ReadAsync_gives_and_leaves_the_rest_alone(bool decoded, string selection)
    {
        var array = await ArrayAsync(decoded ? new DecodedChunkCache(1 << 20) : null);
        var expected = await array.ReadAsync<int>(ArraySelection.Parse(selection));
        var buffer = Enumerable.Repeat(12345, expected.Data.Length + 10).ToArray();

        for (var round = 0; round < 2; round++)
        {
            var shape = await array.ReadIntoAsync<int>(ArraySelection.Parse(selection), buffer.AsMemory(5, expected.Data.Length));

            Assert.Equal(expected.Shape, shape);
            Assert.Equal(expected.Data, buffer[5..^5]);
            Assert.All(buffer[..5].Concat(buffer[^5..]), v => Assert.Equal(12345, v));
        }
    }

    [Fact]
    public async Task A_destination_of_the_wrong_size_is_refused_naming_it_and_nothing_is_written()
    {
        var array = await ArrayAsync();
        var buffer = new int[41];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => array.ReadIntoAsync<int>(ArraySelection.Parse("1:7,2:9"), buffer));

        Assert.Equal("destination", error.ParamName);
        Assert.Contains("holds 42 elements", error.Message, StringComparison.Ordinal);
        Assert.All(buffer, v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task An_element_type_other_than_the_arrays_is_refused()
    {
        var array = await ArrayAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => array.ReadIntoAsync<float>(null, new float[63]));

        Assert.Contains("holds int32", error.Message, StringComparison.Ordinal);
    }
}
