using System.Text;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Fuzz-style: random mutations of valid metadata, shard indexes and chunks end in a clear exception
/// (<see cref="ZarrFormatException"/> or the <see cref="ArgumentException"/> family) or in data, never in a crash or hang.
/// Seeds are fixed so a failure reproduces.
/// </summary>
public class ZarrFuzzTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    public async Task Mutated_metadata_opens_and_reads_or_fails_clearly(int format, int seed)
    {
        var (store, key) = await ValidArrayAsync(format, sharded: seed == 3);
        var original = (await store.GetAsync(key))!.Value.ToArray();
        var random = new Random(seed);
        var outcomes = new int[2];
        for (var i = 0; i < 400; i++)
        {
            var mutated = i % 2 == 0 ? MutateBytes(original, random) : MutateJsonToken(original, random);
            await store.SetAsync(key, mutated);
            outcomes[await OpenAndReadAsync(store) ? 0 : 1]++;
        }

        Assert.True(outcomes[1] > 0, "no mutation was refused");
    }

    [Theory]
    [InlineData(false, 11)]
    [InlineData(true, 12)]
    [InlineData(true, 13)]
    public async Task Mutated_chunks_and_shard_indexes_read_or_fail_clearly(bool sharded, int seed)
    {
        var (store, _) = await ValidArrayAsync(3, sharded);
        var chunkKey = "a/c/0/0";
        var original = (await store.GetAsync(chunkKey))!.Value.ToArray();
        var random = new Random(seed);
        var refused = 0;
        for (var i = 0; i < 300; i++)
        {
            var mutated = (byte[])original.Clone();
            if (sharded && i % 2 == 0)
            {
                // Aim at the index (the last 16 * n + 4 bytes) and fix its checksum up half of the time, so the entries themselves are fuzzed.
                var indexLength = (4 * 16) + 4;
                var at = mutated.Length - indexLength + random.Next(indexLength - 4);
                mutated[at] = (byte)random.Next(256);
                if (random.Next(2) == 0)
                {
                    var crc = ZarrCache.Zarr.Codecs.Crc32C.Compute(mutated.AsSpan(mutated.Length - indexLength, indexLength - 4));
                    BitConverter.TryWriteBytes(mutated.AsSpan(mutated.Length - 4), crc);
                }
            }
            else
            {
                mutated = MutateBytes(original, random);
            }

            await store.SetAsync(chunkKey, mutated);
            if (!await OpenAndReadAsync(store))
            {
                refused++;
            }
        }

        Assert.True(refused > 0);
    }

    private static async Task<bool> OpenAndReadAsync(MemoryStore store)
    {
        try
        {
            var array = await ZarrArray.OpenAsync(store, "a").WaitAsync(HangGuard);
            var data = await array.ReadAsync().WaitAsync(HangGuard);
            Assert.Equal(data.Shape.Aggregate(1L, (a, b) => a * b) * data.DataType.Size, data.Bytes.Length);
            return true;
        }
        catch (Exception e) when (e is ZarrFormatException or ArgumentException)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return false;
        }
    }

    private static async Task<(MemoryStore Store, string MetadataKey)> ValidArrayAsync(int format, bool sharded)
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions
        {
            ZarrFormat = format,
            Shape = [8, 8],
            ChunkShape = sharded ? [8, 8] : [4, 4],
            InnerChunkShape = sharded ? [4, 4] : null,
            DataType = ZarrDataTypeKind.Int32,
            Compressor = ZarrCompressor.Gzip(),
            Checksum = format == 3 && !sharded,
        });
        await array.WriteAsync<int>(null, Enumerable.Range(0, 64).ToArray());
        return (store, format == 2 ? "a/.zarray" : "a/zarr.json");
    }

    private static byte[] MutateBytes(byte[] original, Random random)
    {
        var mutated = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var k = 0; k < 1 + random.Next(4); k++)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                return mutated;
            case 1:
                return mutated.AsSpan(0, random.Next(mutated.Length)).ToArray();
            case 2:
                return [.. mutated, .. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256))];
            default:
                var at = random.Next(mutated.Length);
                mutated[at] ^= (byte)(1 << random.Next(8));
                return mutated;
        }
    }

    private static readonly string[] Replacements =
    [
        "-1", "0", "4294967296", "9223372036854775807", "1e308", "\"NaN\"", "null", "[]", "{}", "\"x\"", "true",
        "[99999999999]", "[0]", "[-1]", "\"0x7fc00000\"", "\"<U7\"", "\"|O\"", "\"float64\"", "[1,2,3,4,5]",
    ];

    private static byte[] MutateJsonToken(byte[] original, Random random)
    {
        // Replace one number, string or list in the document with a hostile value.
        var text = Encoding.UTF8.GetString(original);
        var positions = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i]) || text[i] is '"' or '[').ToArray();
        var start = positions[random.Next(positions.Length)];
        var end = start + 1;
        if (text[start] == '"')
        {
            end = text.IndexOf('"', start + 1) + 1;
        }
        else if (text[start] == '[')
        {
            end = text.IndexOf(']', start) + 1;
        }
        else
        {
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or 'e' or '-'))
            {
                end++;
            }
        }

        return Encoding.UTF8.GetBytes(text[..start] + Replacements[random.Next(Replacements.Length)] + text[end..]);
    }
}
