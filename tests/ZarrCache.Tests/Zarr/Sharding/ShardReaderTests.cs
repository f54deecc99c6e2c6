using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Tests.Zarr.Sharding;

public class ShardReaderTests
{
    // One 8x8 shard of 2x2 inner chunks (16 inner chunks), int32, gzip inside, crc32c on the index.
    private static async Task<(MemoryStore Store, int[] Values)> ShardedAsync(ShardIndexLocation location, int fillEvery = 0)
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions
        {
            Shape = [8, 8],
            ChunkShape = [8, 8],
            InnerChunkShape = [2, 2],
            DataType = ZarrDataTypeKind.Int32,
            Compressor = ZarrCompressor.Gzip(),
            IndexLocation = location,
        });
        var values = Enumerable.Range(1, 64).Select(i => fillEvery > 0 && i % fillEvery == 0 ? 0 : i).ToArray();
        await array.WriteAsync<int>(null, values);
        return (store, values);
    }

    [Theory]
    [InlineData(ShardIndexLocation.End)]
    [InlineData(ShardIndexLocation.Start)]
    public async Task Reading_k_inner_chunks_costs_one_index_request_and_at_most_k_ranges(ShardIndexLocation location)
    {
        var (store, values) = await ShardedAsync(location);
        var counting = new RequestLogStore(store);
        var array = await ZarrArray.OpenAsync(counting, "a");
        counting.Reset();

        // Rows 0..3, columns 2..5: inner chunks (0,1),(0,2),(1,1),(1,2): k = 4; (0,1),(0,2) are adjacent, so are (1,1),(1,2).
        var data = await array.ReadAsync<int>(ArraySelection.Parse("0:4,2:6"));

        Assert.Equal(0, counting.Gets);
        Assert.Equal(1, counting.RangeGets);
        var index = Assert.Single(counting.Log, l => l.Range.IsSuffix || l.Range.Offset == 0);
        Assert.Equal(location == ShardIndexLocation.End, index.Range.IsSuffix);
        Assert.Equal(1, counting.RangesCalls);
        Assert.Equal(2, counting.RangesRequested);
        Assert.Equal(Expected(values, 0, 4, 2, 6), data.Data);
    }

    [Fact]
    public async Task Adjacent_inner_chunks_are_fetched_as_one_range()
    {
        var (store, values) = await ShardedAsync(ShardIndexLocation.End);
        var counting = new RequestLogStore(store);
        var array = await ZarrArray.OpenAsync(counting, "a");
        counting.Reset();

        var data = await array.ReadAsync<int>(ArraySelection.Parse("0:2,:"));

        Assert.Equal(1, counting.RangeGets);
        Assert.Equal(1, counting.RangesRequested);
        Assert.Equal(Expected(values, 0, 2, 0, 8), data.Data);
    }

    [Fact]
    public async Task Second_read_of_a_shard_through_CachedStore_costs_no_index_request()
    {
        var (store, values) = await ShardedAsync(ShardIndexLocation.End);
        var counting = new RequestLogStore(store);
        var cached = new CachedStore(counting, new CacheConfig());
        var array = await ZarrArray.OpenAsync(cached, "a");
        _ = await array.ReadAsync<int>(ArraySelection.Parse("0:2,0:2"));
        counting.Reset();

        var data = await array.ReadAsync<int>(ArraySelection.Parse("6:8,6:8"));

        // One range in all: the inner chunk's bytes (a single missing range is read like GetRangeAsync, coalesced); no index request.
        Assert.Equal(1, counting.RangeGets + counting.RangesRequested);
        Assert.Equal(Expected(values, 6, 8, 6, 8), data.Data);

        counting.Reset();
        var again = await array.ReadAsync<int>(ArraySelection.Parse("6:8,6:8"));
        Assert.Equal(0, counting.RangeGets + counting.RangesCalls + counting.Gets);
        Assert.Equal(data.Data, again.Data);
    }

    [Fact]
    public async Task Inner_chunks_equal_to_the_fill_value_are_left_out_and_read_as_fill()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions
        {
            Shape = [4],
            ChunkShape = [4],
            InnerChunkShape = [1],
            DataType = ZarrDataTypeKind.Float32,
            FillValue = double.NaN,
        });
        await array.WriteAsync<float>(ArraySelection.Parse("1:3"), new[] { 1.5f, 2.5f });
        var counting = new RequestLogStore(store);
        var reopened = await ZarrArray.OpenAsync(counting);

        var data = await reopened.ReadAsync<float>();

        Assert.Equal(new[] { float.NaN, 1.5f, 2.5f, float.NaN }, data.Data);
        Assert.Equal(1, counting.RangesRequested);
    }

    [Fact]
    public async Task A_missing_shard_reads_as_fill_without_range_requests()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions
        {
            Shape = [4, 4],
            ChunkShape = [2, 2],
            InnerChunkShape = [1, 1],
            DataType = ZarrDataTypeKind.Int16,
            FillValue = -7,
        });
        var counting = new RequestLogStore(store);
        var reopened = await ZarrArray.OpenAsync(counting);
        counting.Reset();

        var data = await reopened.ReadAsync<short>(ArraySelection.Parse("0:2,0:2"));

        Assert.All(data.Data, v => Assert.Equal(-7, v));
        Assert.Equal(1, counting.RangeGets);
        Assert.Equal(0, counting.RangesCalls);
    }

    [Fact]
    public async Task A_corrupt_index_checksum_is_refused_naming_the_shard_key()
    {
        var (store, _) = await ShardedAsync(ShardIndexLocation.End);
        var shard = (await store.GetAsync("a/c/0/0"))!.Value.ToArray();
        shard[^6] ^= 0x40;
        await store.SetAsync("a/c/0/0", shard);
        var array = await ZarrArray.OpenAsync(store, "a");

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync<int>(ArraySelection.Parse("0,0")));

        Assert.Contains("a/c/0/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("crc32c", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_entry_pointing_past_the_shard_is_refused()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions
        {
            Shape = [4],
            ChunkShape = [4],
            InnerChunkShape = [2],
            DataType = ZarrDataTypeKind.UInt8,
        });
        await array.WriteAsync<byte>(null, new byte[] { 1, 2, 3, 4 });
        var shard = (await store.GetAsync("c/0"))!.Value.ToArray();
        var indexStart = shard.Length - 36;
        BitConverter.TryWriteBytes(shard.AsSpan(indexStart), 1_000_000UL);
        var crc = ZarrCache.Zarr.Codecs.Crc32C.Compute(shard.AsSpan(indexStart, 32));
        BitConverter.TryWriteBytes(shard.AsSpan(shard.Length - 4), crc);
        await store.SetAsync("c/0", shard);

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync<byte>());
        Assert.Contains("c/0", e.Message, StringComparison.Ordinal);
    }

    private static int[] Expected(int[] values, int r0, int r1, int c0, int c1)
    {
        var result = new List<int>();
        for (var r = r0; r < r1; r++)
        {
            for (var c = c0; c < c1; c++)
            {
                result.Add(values[(r * 8) + c]);
            }
        }

        return [.. result];
    }
}
