using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Regions (not only whole arrays) read by ZarrCache agree exactly with zarr-python 2.13 (NumPy slicing) and zarrita
/// (get with slices) on the same data: regions crossing chunk and shard edges, partial edge chunks, missing chunks
/// (fill), single elements, mixed index and slice. ZarrCache reads through a CachedStore twice: cold, then from the
/// cache it filled.
/// </summary>
public class RegionReadInteropTests
{
    public static TheoryData<string, string[]> PythonWrittenCases() => new()
    {
        {
            // 13 x 7 in 4 x 3 chunks: the last chunk row holds 1 row, the last chunk column 1 column.
            """{"dtype":"<f8","shape":[13,7],"chunks":[4,3],"compressor":{"id":"zstd","level":3}}""",
            ["1:7,2:5", "12:13", "10:13,5:7", "5,4", "12,6", "0:13,3", "4:8,3:6", "3:4,0:7", ":,6:7", "3:5"]
        },
        {
            """{"dtype":"<i4","shape":[5,6,7],"chunks":[2,4,3],"compressor":{"id":"zstd","level":1},"order":"F"}""",
            ["1:4,3:6,2:7", "4,5,6", "0:5,0,1:2", "2", "3:5,2:6,5:7", "1,1:5,:"]
        },
        {
            // Only the first half of dimension 0 is written: regions reaching past it read the NaN fill value.
            """{"dtype":"<f4","shape":[10,4],"chunks":[3,4],"compressor":{"id":"gzip","level":1},"fill":"NaN","partial":true}""",
            ["4:9,1:3", "9,0", "2:7", "6:10,3"]
        },
        {
            """{"dtype":">i4","shape":[50],"chunks":[16],"compressor":{"id":"zlib","level":1}}""",
            ["15:33", "49", "48:50", "0:1", "16:32"]
        },
        {
            """{"dtype":"|b1","shape":[31],"chunks":[8],"compressor":null}""",
            ["7:9", "30", "5:29"]
        },
        {
            """{"dtype":"<u2","shape":[9,9],"chunks":[4,4],"compressor":null,"sep":"/"}""",
            ["3:6,3:6", "8,8", "8:9,0:9", "0:9,7:9"]
        },
    };

    [Theory]
    [MemberData(nameof(PythonWrittenCases))]
    public async Task Regions_of_a_zarr_python_array_read_the_same_bytes_as_zarr_python_and_zarrita(string spec, string[] selections)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a.zarr");
        ZarrPython.Make(dir, spec);

        var ours = await ReadRegionsAsync(new FileSystemStore(dir), "", selections);
        var python = ZarrPython.ReadRegions(dir, selections);
        using var zarrita = JsonDocument.Parse(ExternalTool.ReadRegionsWithZarrita(dir, "", "v2", selections));

        for (var i = 0; i < selections.Length; i++)
        {
            Assert.True(python[i].Shape.SequenceEqual(ours[i].Shape), $"[{selections[i]}]: zarr-python shape [{string.Join(',', python[i].Shape)}], ZarrCache [{string.Join(',', ours[i].Shape)}]");
            Assert.True(python[i].Data.AsSpan().SequenceEqual(ours[i].Bytes), $"[{selections[i]}]: ZarrCache's bytes differ from zarr-python's");
            ZarritaComparison.AssertEqual(ours[i], zarrita.RootElement[i], $"{spec} [{selections[i]}]");
        }
    }

    public static TheoryData<string, string[]> ShardedFixtureCases() => new()
    {
        // 4 x 4 x 4 in 2 x 2 x 2 shards of 1 x 1 x 1 inner chunks.
        { "3d.chunked.compressed.sharded.i2", ["1:3,0:4,1:2", "3,3,3", "0:3,1:4,2", "1:3,1:3,1:3"] },
        // 3 x 3 in 2 x 2 shards: the edge shards are partial.
        { "2d.chunked.ragged.compressed.sharded.i2", ["1:3,1:3", "2,2", "0:3,2", "2:3"] },
        // 3 x 3 x 3 in one shard of 3 x 3 x 1 inner chunks.
        { "3d.chunked.mixed.compressed.sharded.i2", ["0:2,1:3,0:1", "1,2,2", "1:3,:,1:3"] },
        { "2d.chunked.compressed.sharded.filled.i2", ["0:1,0:2", "1,1", "0:2,1:2"] },
    };

    [Theory]
    [MemberData(nameof(ShardedFixtureCases))]
    public async Task Regions_of_a_sharded_v3_array_written_by_zarrita_read_the_same_values_as_zarrita(string path, string[] selections)
    {
        var root = ZarritaComparison.Root("v3");

        var ours = await ReadRegionsAsync(new FileSystemStore(root), path, selections);
        using var zarrita = JsonDocument.Parse(ExternalTool.ReadRegionsWithZarrita(root, path, "v3", selections));

        for (var i = 0; i < selections.Length; i++)
        {
            ZarritaComparison.AssertEqual(ours[i], zarrita.RootElement[i], $"{path} [{selections[i]}]");
        }
    }

    [Fact]
    public async Task Regions_of_a_larger_sharded_v3_array_read_the_same_values_as_zarrita()
    {
        // 10 x 9 in 6 x 6 shards of 2 x 3 inner chunks: 4 shards, three of them partial, each with a checksummed index;
        // rows 8 and 9 are never written (fill -1). The index is at the end: zarrita 0.7.5 ignores index_location.
        using var temp = new TempDirectory();
        var type = ZarrDataType.Create(ZarrDataTypeKind.Int32);
        var array = await ZarrArray.CreateAsync(new FileSystemStore(temp.Path), "arr", new ZarrArrayOptions
        {
            Shape = [10, 9],
            ChunkShape = [6, 6],
            InnerChunkShape = [2, 3],
            IndexLocation = ShardIndexLocation.End,
            DataType = ZarrDataTypeKind.Int32,
            Compressor = ZarrCompressor.Zstd(),
            Checksum = true,
            FillValue = -1,
        });
        await array.WriteBytesAsync(ArraySelection.Parse("0:8"), ZarrPythonInteropTests.Values(type, 72));
        string[] selections = ["1:8,2:8", "9,8", "6:10,6:9", "5:7", "3,0:9", "0:10,5", "7:10,1:4", "4:6,4:8"];

        var ours = await ReadRegionsAsync(new FileSystemStore(temp.Path), "arr", selections);
        using var zarrita = JsonDocument.Parse(ExternalTool.ReadRegionsWithZarrita(temp.Path, "arr", "v3", selections));

        for (var i = 0; i < selections.Length; i++)
        {
            ZarritaComparison.AssertEqual(ours[i], zarrita.RootElement[i], $"arr [{selections[i]}]");
        }
    }

    /// <summary>Reads each region through one CachedStore, cold and then warm; both reads must agree.</summary>
    private static async Task<ZarrArrayData[]> ReadRegionsAsync(IReadableStore origin, string path, string[] selections)
    {
        var store = new CachedStore(origin, new LruMemoryCache(64L << 20));
        var array = await ZarrArray.OpenAsync(store, path);
        var result = new ZarrArrayData[selections.Length];
        for (var i = 0; i < selections.Length; i++)
        {
            result[i] = await array.ReadAsync(ArraySelection.Parse(selections[i]));
        }

        for (var i = 0; i < selections.Length; i++)
        {
            var again = await array.ReadAsync(ArraySelection.Parse(selections[i]));
            Assert.Equal(result[i].Shape, again.Shape);
            Assert.True(result[i].Bytes.AsSpan().SequenceEqual(again.Bytes), $"[{selections[i]}]: the warm read differs from the cold one");
        }

        return result;
    }
}
