using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// numcodecs filters packbits, quantize and astype against Debian's zarr-python 2.13 (numcodecs 0.11): arrays it writes
/// read exactly as it reads them, and the same values written over them by ZarrCache store the same chunk bytes (without
/// a compressor) and read back exactly in zarr-python.
/// </summary>
public class NumcodecsFilterInteropTests
{
    public static TheoryData<string> Specs()
    {
        string[] arrays =
        [
            // bool, 3 x 13 in chunks of 2 x 5: 10 bools a chunk (6 bits of padding), ragged edge chunks in both dimensions
            """{"dtype":"|b1","shape":[3,13],"chunks":[2,5],"filters":[{"id":"packbits"}],"compressor":COMPRESSOR}""",
            """{"dtype":"|b1","shape":[45],"chunks":[8],"filters":[{"id":"packbits"}],"compressor":COMPRESSOR}""",
            """{"dtype":"|b1","shape":[7,6],"chunks":[3,4],"order":"F","filters":[{"id":"packbits"}],"compressor":COMPRESSOR}""",
            """{"dtype":"<f8","shape":[9,7],"chunks":[4,3],"divide":7,"filters":[{"id":"quantize","digits":2,"dtype":"<f8"}],"compressor":COMPRESSOR}""",
            """{"dtype":"<f8","shape":[9,7],"chunks":[4,3],"divide":7,"filters":[{"id":"quantize","digits":3,"dtype":"<f8","astype":"<f4"}],"compressor":COMPRESSOR}""",
            """{"dtype":"<f4","shape":[30],"chunks":[7],"divide":3,"filters":[{"id":"quantize","digits":1,"dtype":"<f4"}],"compressor":COMPRESSOR}""",
            """{"dtype":"<f8","shape":[9,7],"chunks":[4,3],"divide":7,"filters":[{"id":"astype","encode_dtype":"<f4","decode_dtype":"<f8"}],"compressor":COMPRESSOR}""",
            """{"dtype":"<i8","shape":[40],"chunks":[16],"filters":[{"id":"astype","encode_dtype":"<i2","decode_dtype":"<i8"}],"compressor":COMPRESSOR}""",
            """{"dtype":">i8","shape":[40],"chunks":[16],"filters":[{"id":"astype","encode_dtype":">i2","decode_dtype":">i8"}],"compressor":COMPRESSOR}""",
        ];
        var data = new TheoryData<string>();
        foreach (var array in arrays)
        {
            data.Add(array.Replace("COMPRESSOR", "null", StringComparison.Ordinal));
            data.Add(array.Replace("COMPRESSOR", """{"id":"zstd","level":1}""", StringComparison.Ordinal));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Filtered_array_written_by_zarr_python_reads_exactly_as_zarr_python_reads_it(string spec)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a.zarr");
        ZarrPython.Make(dir, spec);
        var theirs = ZarrPython.Read(dir);

        var ours = await (await ZarrArray.OpenAsync(new FileSystemStore(dir))).ReadAsync();

        Assert.Equal(theirs.Shape, ours.Shape);
        Assert.Equal(theirs.Data, ours.Bytes);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Same_values_written_by_ZarrCache_store_what_zarr_python_stores_and_read_back_in_it(string spec)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a.zarr");
        var values = ZarrPython.Make(dir, spec);
        var theirs = ZarrPython.Read(dir);
        var chunks = ChunkFiles(dir);

        var array = await ZarrArray.OpenAsync(new FileSystemStore(dir));
        foreach (var file in chunks.Keys)
        {
            File.Delete(Path.Combine(dir, file));
        }

        await array.WriteBytesAsync(null, values.Data);

        Assert.Equal(theirs.Data, ZarrPython.Read(dir).Data);
        var written = ChunkFiles(dir);
        Assert.Equal(chunks.Keys.Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        if (!spec.Contains("zstd", StringComparison.Ordinal))
        {
            Assert.All(chunks, c => Assert.Equal(c.Value, written[c.Key]));
        }
    }

    private static Dictionary<string, byte[]> ChunkFiles(string dir) =>
        Directory.EnumerateFiles(dir)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
}
