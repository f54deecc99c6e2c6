using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Tests.Zarr;

/// <summary>v3 arrays written by ZarrCache read back exactly with zarrita (gzip, zstd, crc32c, sharding). Blosc: see <see cref="BloscArrayTests"/>.</summary>
public class ZarritaWriteInteropTests
{
    public static TheoryData<string, bool, bool> Cases() => new()
    {
        { "none", false, false }, { "gzip", false, false }, { "zstd", false, false }, { "gzip", true, false }, { "zstd", true, false },
        { "none", false, true }, { "gzip", false, true }, { "zstd", true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task V3_array_written_by_ZarrCache_reads_back_exactly_with_zarrita(string compressor, bool checksum, bool sharded)
    {
        await AssertZarritaReadsAsync(compressor == "none" ? null : new ZarrCompressor(compressor, 3), checksum, sharded, ShardIndexLocation.End, ZarrDataTypeKind.Float32);
    }

    [Theory]
    [InlineData(ZarrDataTypeKind.Int16)]
    [InlineData(ZarrDataTypeKind.UInt32)]
    [InlineData(ZarrDataTypeKind.Float64)]
    [InlineData(ZarrDataTypeKind.Bool)]
    [InlineData(ZarrDataTypeKind.Int64)]
    public async Task Sharded_v3_array_of_each_type_reads_back_exactly_with_zarrita(ZarrDataTypeKind kind)
    {
        await AssertZarritaReadsAsync(ZarrCompressor.Zstd(), checksum: true, sharded: true, ShardIndexLocation.End, kind);
    }

    internal static async Task AssertZarritaReadsAsync(ZarrCompressor? compressor, bool checksum, bool sharded, ShardIndexLocation location, ZarrDataTypeKind kind)
    {
        using var temp = new TempDirectory();
        var store = new FileSystemStore(temp.Path);
        var type = ZarrDataType.Create(kind);
        var array = await ZarrArray.CreateAsync(store, "arr", new ZarrArrayOptions
        {
            Shape = [10, 9],
            ChunkShape = sharded ? [6, 6] : [4, 3],
            InnerChunkShape = sharded ? [2, 3] : null,
            IndexLocation = location,
            DataType = kind,
            Compressor = compressor,
            Checksum = checksum,
            FillValue = 0,
        });
        var bytes = ZarrPythonInteropTests.Values(type, 90);
        await array.WriteBytesAsync(null, bytes);

        using var theirs = JsonDocument.Parse(ExternalTool.ReadWithZarrita(temp.Path, "arr", "v3"));
        ZarritaComparison.AssertEqual(new ZarrArrayData(bytes, [10, 9], type), theirs.RootElement, "written arr");
    }
}
