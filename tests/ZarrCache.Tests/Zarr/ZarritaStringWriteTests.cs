using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>v3 string arrays (vlen-utf8) and v2 &lt;U# arrays written by ZarrCache read back with zarrita as the same strings.</summary>
public class ZarritaStringWriteTests
{
    [Theory]
    [InlineData(3, "string", "zstd")]
    [InlineData(3, "string", "none")]
    [InlineData(2, "string", "gzip")]
    [InlineData(2, "fixed", "zstd")]
    public async Task String_array_written_by_ZarrCache_reads_back_the_same_with_zarrita(int format, string kind, string compressor)
    {
        using var temp = new TempDirectory();
        var array = await ZarrArray.CreateAsync(new FileSystemStore(temp.Path), "names", new ZarrArrayOptions
        {
            ZarrFormat = format,
            Shape = [3, 4],
            ChunkShape = [2, 3],
            ElementType = kind == "string" ? ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String) : ZarrDataType.CreateFixedString(6),
            Compressor = compressor == "none" ? null : new ZarrCompressor(compressor, 3),
        });
        string?[] words = ["", "a", "Ñoño", "世界", "🚀🎉", "zarr", "tab\t", "q\"", "end", "x", "yy", "zzz"];
        await array.WriteStringsAsync(null, words);

        using var theirs = JsonDocument.Parse(ExternalTool.ReadWithZarrita(temp.Path, "names", "v" + format));
        ZarritaComparison.AssertEqualStrings(new ZarrArrayData<string?>(words, [3, 4]), theirs.RootElement, "written names");
    }
}
