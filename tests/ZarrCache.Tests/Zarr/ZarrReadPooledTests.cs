using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class ZarrReadPooledTests
{
    private static Task<ZarrArray> ArrayAsync(DecodedChunkCache? decoded = null) => ZarrReadIntoTests.ArrayAsync(decoded);

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, null)]
    [InlineData(false, "1:7,2:9")]
    [InlineData(true, "1:7,2:9")]
    [InlineData(true, "4,:")]
    [InlineData(false, "::-2,1::3")]
    [InlineData(true, "6,...")]
    public async Task A_pooled_read_gives_what_ReadAsync_gives_read_after_read(bool decoded, string? selection)
    {
        var array = await ArrayAsync(decoded ? new DecodedChunkCache(1 << 20) : null);
        var parsed = selection is null ? null : ArraySelection.Parse(selection);
        var expected = await array.ReadAsync<int>(parsed);

        for (var round = 0; round < 3; round++)
        {
            // Each result is disposed before the next read, so the pool hands the same arrays out again.
            using var result = await array.ReadPooledAsync<int>(parsed);

            Assert.Equal(expected.Shape, result.Shape);
            Assert.Equal(expected.Data.Length, result.Length);
            Assert.Equal(expected.Data, result.Span.ToArray());
            Assert.Equal(expected.Data, result.Memory.ToArray());
        }
    }

    [Fact]
    public async Task A_pooled_read_converts_as_ReadAsync_does()
    {
        var array = await ArrayAsync();
        var expected = await array.ReadAsync<double>(ArraySelection.Parse("2:7,3:8"));

        using var result = await array.ReadPooledAsync<double>(ArraySelection.Parse("2:7,3:8"));

        Assert.Equal(expected.Data, result.Span.ToArray());
        Assert.Contains(-1d, result.Span.ToArray()); // the fill row, converted
    }

    [Fact]
    public async Task Results_held_at_once_do_not_share_elements()
    {
        var array = await ArrayAsync(new DecodedChunkCache(1 << 20));

        using var first = await array.ReadPooledAsync<int>(ArraySelection.Parse("0:3,0:4"));
        using var second = await array.ReadPooledAsync<int>(ArraySelection.Parse("3:6,4:8"));
        first.Span.Fill(999);

        Assert.Equal((await array.ReadAsync<int>(ArraySelection.Parse("3:6,4:8"))).Data, second.Span.ToArray());
    }

    [Fact]
    public async Task A_disposed_result_refuses_access_and_disposing_again_does_nothing()
    {
        var array = await ArrayAsync();
        var result = await array.ReadPooledAsync<int>(ArraySelection.Parse("0:3,0:4"));

        result.Dispose();
        result.Dispose();

        Assert.Throws<ObjectDisposedException>(() => result.Memory);
        Assert.Throws<ObjectDisposedException>(() => result.Span.Length);
        Assert.Equal(12, result.Length);
        Assert.Equal([3L, 4L], result.Shape);
    }

    [Fact]
    public async Task A_pooled_read_refuses_an_unsafe_conversion_and_a_selection_that_does_not_fit_naming_them()
    {
        var array = await ArrayAsync();

        var cast = await Assert.ThrowsAsync<ArgumentException>(() => array.ReadPooledAsync<short>(ArraySelection.Parse("0:3,0:4")));
        var bounds = await Assert.ThrowsAnyAsync<ArgumentException>(() => array.ReadPooledAsync<int>(ArraySelection.Parse("0:3,20")));

        Assert.Contains("Int16", cast.Message, StringComparison.Ordinal);
        Assert.Contains("20", bounds.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pooled_read_of_a_corrupt_chunk_fails_naming_its_key()
    {
        var store = new MemoryStore();
        var array = await ZarrReadIntoTests.ArrayAsync(store: store);
        await store.SetAsync(new StoreKey("a/c/1/1"), new byte[] { 2, 1, 0x11, 4, 99, 0, 0, 0 });

        var error = await Assert.ThrowsAsync<ZarrFormatException>(async () =>
        {
            using var result = await array.ReadPooledAsync<int>();
        });

        Assert.Contains("a/c/1/1", error.Message, StringComparison.Ordinal);
    }
}
