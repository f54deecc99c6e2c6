using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>
/// `--compress lz4|zstd` is honoured: the disk cache folder a CLI read fills holds its chunks compressed with that codec
/// (the entry files say so in their header, and `stats --json` counts them and their smaller bytes), and a later read
/// without the option serves the same values from those entries. Without the option nothing is compressed.
/// </summary>
public class CompressOptionTests
{
    private const int Chunks = 4;
    private const int ChunkBytes = 2048 * sizeof(int);

    [Theory]
    [InlineData("lz4", 1)]
    [InlineData("zstd", 2)]
    public async Task A_read_with_compress_stores_compressible_chunks_with_that_codec_and_a_later_read_decodes_them(string codec, byte encoding)
    {
        using var origin = await CompressibleArrayAsync();
        using var cache = new TempDirectory();

        var first = await CliRunner.RunAsync("read", origin.Path, "--disk-cache", cache.Path, "--compress", codec, "--format", "sha256");
        Assert.True(first.ExitCode == 0, first.Error);

        var chunks = ChunkEntryEncodings(cache.Path);
        Assert.Equal(Chunks, chunks.Count);
        Assert.All(chunks, c => Assert.True(c.Encoding == encoding, $"{c.Key} is stored with encoding {c.Encoding}, not {codec} ({encoding})"));
        Assert.All(chunks, c => Assert.True(c.Stored < ChunkBytes / 2, $"{c.Key}: {c.Stored} stored bytes for {ChunkBytes} raw"));

        var stats = await StatsAsync(cache.Path);
        Assert.True(stats.GetProperty("compressed_entries").GetInt64() >= Chunks, stats.ToString());
        Assert.True(stats.GetProperty("by_kind").GetProperty("chunk").GetProperty("bytes").GetInt64() < Chunks * ChunkBytes / 2, stats.ToString());

        // The origin's chunks are gone: only the compressed entries can answer, and they must give the same values.
        foreach (var file in Directory.EnumerateFiles(origin.Path, "*", SearchOption.AllDirectories).Where(f => f.Contains("/c/", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        var second = await CliRunner.RunAsync("read", origin.Path, "--disk-cache", cache.Path, "--format", "sha256");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Without_compress_the_disk_cache_stores_chunks_raw()
    {
        using var origin = await CompressibleArrayAsync();
        using var cache = new TempDirectory();

        var read = await CliRunner.RunAsync("read", origin.Path, "--disk-cache", cache.Path, "--format", "sha256");
        Assert.True(read.ExitCode == 0, read.Error);

        var chunks = ChunkEntryEncodings(cache.Path);
        Assert.Equal(Chunks, chunks.Count);
        Assert.All(chunks, c => Assert.Equal(0, c.Encoding));
        var stats = await StatsAsync(cache.Path);
        Assert.Equal(0, stats.GetProperty("compressed_entries").GetInt64());
        Assert.True(stats.GetProperty("by_kind").GetProperty("chunk").GetProperty("bytes").GetInt64() >= Chunks * ChunkBytes, stats.ToString());
    }

    /// <summary>A v3 int32 array of 4 uncompressed chunks of 8 KiB holding a slow ramp: compresses well with any codec.</summary>
    private static async Task<TempDirectory> CompressibleArrayAsync()
    {
        var dir = new TempDirectory();
        var array = await ZarrArray.CreateAsync(new FileSystemStore(dir.Path), "", new ZarrArrayOptions { Shape = [Chunks * 2048], ChunkShape = [2048], DataType = ZarrDataTypeKind.Int32 });
        await array.WriteAsync<int>(null, Enumerable.Range(0, Chunks * 2048).Select(i => i / 64).ToArray());
        return dir;
    }

    private static async Task<JsonElement> StatsAsync(string folder)
    {
        var (code, output, error) = await CliRunner.RunAsync("stats", "--disk-cache", folder, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    /// <summary>
    /// The chunk entries of a disk cache folder as their files say (the documented 40-byte header: magic "ZCDE",
    /// version, encoding 0 raw / 1 lz4 / 2 zstd, ..., key length at 8, stored payload length at 12; the key follows).
    /// </summary>
    private static List<(string Key, byte Encoding, long Stored)> ChunkEntryEncodings(string folder)
    {
        var result = new List<(string, byte, long)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length < 40 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0x4544435A)
            {
                continue;
            }

            var key = Encoding.UTF8.GetString(bytes, 40, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
            if (key.StartsWith("c/", StringComparison.Ordinal) || key.Contains("/c/", StringComparison.Ordinal))
            {
                result.Add((key, bytes[5], BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12))));
            }
        }

        return result;
    }
}
