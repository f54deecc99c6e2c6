using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// numcodecs' adler32 and fletcher32 on real v2 arrays written by Debian's zarr-python 2.13 at test time (adler32 by
/// numcodecs 0.11 itself; fletcher32, which numcodecs 0.11 lacks, by tests/tools/zarr-python/fletcher32_reference.py,
/// numcodecs 0.12's codec transliterated): as filters, as the compressor and before a compressor, with ragged edge
/// chunks; a corrupted chunk is an error naming its key.
/// </summary>
public class ChecksumInteropTests
{
    public static TheoryData<string> PythonWrittenSpecs() => new()
    {
        """{"dtype":"<f4","shape":[13,7],"chunks":[4,3],"compressor":null,"filters":[{"id":"fletcher32"}]}""",
        """{"dtype":"<i2","shape":[13,7],"chunks":[4,3],"compressor":null,"filters":[{"id":"fletcher32"}]}""",
        """{"dtype":"|u1","shape":[11,5],"chunks":[3,3],"compressor":null,"filters":[{"id":"fletcher32"}]}""",
        """{"dtype":"<f4","shape":[13,7],"chunks":[4,3],"compressor":null,"filters":[{"id":"adler32"}]}""",
        """{"dtype":"<i2","shape":[13,7],"chunks":[4,3],"compressor":null,"filters":[{"id":"adler32"}]}""",
        """{"dtype":"<f4","shape":[13,7],"chunks":[4,3],"compressor":{"id":"zstd","level":1},"filters":[{"id":"fletcher32"}]}""",
        """{"dtype":"<i2","shape":[13,7],"chunks":[4,3],"compressor":{"id":"gzip","level":1},"filters":[{"id":"adler32"}]}""",
        """{"dtype":"<f4","shape":[13,7],"chunks":[4,3],"compressor":{"id":"fletcher32"}}""",
        """{"dtype":"<i2","shape":[13,7],"chunks":[4,3],"compressor":{"id":"adler32"}}""",
        """{"dtype":">f4","shape":[10,4],"chunks":[3,4],"compressor":null,"filters":[{"id":"adler32"},{"id":"fletcher32"}],"fill":"NaN","partial":true}""",
    };

    [Theory]
    [MemberData(nameof(PythonWrittenSpecs))]
    public async Task Array_with_checksums_written_by_zarr_python_reads_back_exactly(string spec)
    {
        await ZarrPythonInteropTests.AssertPythonWrittenReadsBackAsync(spec);
    }

    [Theory]
    [InlineData("fletcher32", 0)]
    [InlineData("fletcher32", 20)]
    [InlineData("adler32", 0)]
    [InlineData("adler32", 20)]
    public async Task A_chunk_with_a_flipped_byte_reads_as_an_error_naming_its_key(string id, int at)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a.zarr");
        ZarrPython.Make(dir, $$"""{"dtype":"<f4","shape":[13,7],"chunks":[4,3],"compressor":null,"filters":[{"id":"{{id}}"}]}""");
        var chunk = Path.Combine(dir, "1.2");
        var bytes = await File.ReadAllBytesAsync(chunk);
        bytes[at] ^= 0x01;
        await File.WriteAllBytesAsync(chunk, bytes);

        var array = await ZarrArray.OpenAsync(new FileSystemStore(dir));
        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync());

        Assert.Contains("1.2", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{id} checksum mismatch", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ZarrChecksum.Adler32, "<f4", null)]
    [InlineData(ZarrChecksum.Fletcher32, "<f4", null)]
    [InlineData(ZarrChecksum.Adler32, "<i2", "zstd")]
    [InlineData(ZarrChecksum.Fletcher32, "|u1", "gzip")]
    public async Task V2_array_with_a_checksum_filter_written_by_ZarrCache_reads_back_exactly_with_zarr_python(ZarrChecksum checksum, string dtype, string? compressor)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "w.zarr");
        var type = ZarrDataType.ParseV2(dtype, "test");
        var array = await ZarrArray.CreateAsync(new FileSystemStore(dir), "", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [9, 7],
            ChunkShape = [4, 3],
            DataType = type.Kind,
            Compressor = compressor is null ? null : new ZarrCompressor(compressor, 1),
            Checksum = true,
            ChecksumKind = checksum,
        });
        var bytes = ZarrPythonInteropTests.Values(type, 63);
        await array.WriteBytesAsync(null, bytes);

        var theirs = ZarrPython.Read(dir);

        Assert.Equal(bytes, theirs.Data);
        Assert.Equal(bytes, (await (await ZarrArray.OpenAsync(new FileSystemStore(dir))).ReadAsync()).Bytes);
        Assert.Contains($"\"id\": \"{checksum.ToString().ToLowerInvariant()}\"", await File.ReadAllTextAsync(Path.Combine(dir, ".zarray")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_shorter_than_its_checksum_reads_as_an_error_naming_its_key()
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a.zarr");
        ZarrPython.Make(dir, """{"dtype":"<i2","shape":[13,7],"chunks":[4,3],"compressor":null,"filters":[{"id":"adler32"}]}""");
        await File.WriteAllBytesAsync(Path.Combine(dir, "0.1"), [1, 2, 3]);

        var array = await ZarrArray.OpenAsync(new FileSystemStore(dir));
        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync());

        Assert.Contains("0.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("shorter than its 4-byte checksum", error.Message, StringComparison.Ordinal);
    }
}
