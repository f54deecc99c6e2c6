using System.Buffers.Binary;
using Xunit.Abstractions;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.Blosc;
using BloscCodec = ZarrCache.Zarr.Codecs.Blosc.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>
/// Random mutations of valid frames (a fixed seed, a few thousand iterations): each decode ends in a
/// <see cref="ZarrFormatException"/> or in bytes of the declared size within the limit, never in another exception.
/// Blosc frames carry no checksum, so a flipped bit inside compressed data can decode to other bytes of the right
/// size; mutations that must be refused (truncation, a declared size over the limit) are checked to be refused.
/// </summary>
public class BloscFuzzTests(ITestOutputHelper output)
{
    // BLOSC_FUZZ_ITERATIONS runs a longer campaign locally; the suite runs 4000 with the same seed every time.
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("BLOSC_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : 4000;

    [Fact]
    public void Mutated_frames_end_in_a_format_error_or_in_bytes_within_the_limit()
    {
        var frames = ValidFrames();
        var random = new Random(20261124);
        int refused = 0, decodedSame = 0, decodedOther = 0;
        var failures = new List<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var (name, frame, original) = frames[random.Next(frames.Count)];
            var (mutant, kind, mustFail) = Mutate(frame, original.Length, random);
            try
            {
                var decoded = BloscCodec.Decompress(mutant, original.Length);
                if (mustFail)
                {
                    failures.Add($"{i} {name} {kind}: decoded although it must be refused");
                }
                else if (decoded.AsSpan().SequenceEqual(original))
                {
                    decodedSame++;
                }
                else
                {
                    decodedOther++;
                }
            }
            catch (ZarrFormatException ex)
            {
                refused++;
                if (string.IsNullOrWhiteSpace(ex.Message))
                {
                    failures.Add($"{i} {name} {kind}: empty message");
                }
            }
#pragma warning disable CA1031 // Any other exception type is what this test looks for.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{i} {name} {kind}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        output.WriteLine($"{Iterations} mutants: {refused} refused, {decodedSame} decoded to the original, {decodedOther} decoded to other bytes of the declared size.");
        Assert.Empty(failures);
        Assert.True(refused > Iterations / 4, $"only {refused} of {Iterations} mutants were refused; the mutations are too weak.");
    }

    [Fact]
    public void Every_size_over_the_limit_is_refused()
    {
        var original = BloscTestData.Compressible(65_536, 4);
        var frame = BloscCodec.Compress(original, 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var mutant = (byte[])frame.Clone();
            var declared = random.Next(original.Length + 1, int.MaxValue);
            BinaryPrimitives.WriteInt32LittleEndian(mutant.AsSpan(4), declared);

            var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(mutant, original.Length));

            Assert.Contains("more than the 65536", error.Message, StringComparison.Ordinal);
        }
    }

    private static List<(string Name, byte[] Frame, byte[] Original)> ValidFrames()
    {
        var frames = new List<(string, byte[], byte[])>();
        var smooth = BloscTestData.SmoothFloats(20_000, 3);
        var mixed = BloscTestData.Compressible(50_001, 5);
        frames.Add(("lz4-shuffle", BloscCodec.Compress(smooth, 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 16_384), smooth));
        frames.Add(("lz4-bitshuffle", BloscCodec.Compress(smooth, 4, BloscCompressor.Lz4, 1, BloscShuffle.BitShuffle, 8192), smooth));
        frames.Add(("zstd-bitshuffle", BloscCodec.Compress(mixed, 2, BloscCompressor.Zstd, 3, BloscShuffle.BitShuffle, 10_000), mixed));
        frames.Add(("zlib-noshuffle", BloscCodec.Compress(mixed, 1, BloscCompressor.Zlib, 5, BloscShuffle.NoShuffle, 20_000), mixed));
        frames.Add(("snappy-shuffle", BloscCodec.Compress(smooth, 8, BloscCompressor.Snappy, 5, BloscShuffle.Shuffle, 30_000), smooth));
        frames.Add(("lz4hc-t3", BloscCodec.Compress(mixed, 3, BloscCompressor.Lz4Hc, 9, BloscShuffle.Shuffle, 6000), mixed));
        frames.Add(("blosclz-shuffle", BloscCodec.Compress(smooth, 4, BloscCompressor.BloscLz, 5, BloscShuffle.Shuffle, 20_000), smooth));
        frames.Add(("memcpyed", BloscCodec.Compress(mixed.AsSpan(0, 3000), 4, BloscCompressor.Lz4, 0, BloscShuffle.Shuffle), mixed[..3000]));

        // c-blosc's own frames: blosclz and snappy with bit shuffle and split blocks, zlib, lz4 with a small block size.
        var fixture = BloscTestData.FixtureFolder;
        foreach (var (codec, index) in new[] { ("codec.08", "07"), ("codec.08", "12"), ("codec.09", "07"), ("codec.06", "09"), ("codec.11", "01") })
        {
            var frame = File.ReadAllBytes(Path.Combine(fixture, codec, $"encoded.{index}.dat"));
            var original = TestSupport.NpyTestFile.Read(Path.Combine(fixture, $"array.{index}.npy")).Data;
            frames.Add(($"{codec}/{index}", frame, original));
        }

        return frames;
    }

    private static (byte[] Mutant, string Kind, bool MustFail) Mutate(byte[] frame, int limit, Random random)
    {
        var mutant = (byte[])frame.Clone();
        switch (random.Next(6))
        {
            case 0:
                var flips = random.Next(1, 9);
                for (var f = 0; f < flips; f++)
                {
                    mutant[random.Next(mutant.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (mutant, $"flip{flips}", false);
            case 1:
                return (mutant[..random.Next(mutant.Length)], "truncate", true);
            case 2:
                var field = 4 + (4 * random.Next(3));
                var value = random.Next(5) switch
                {
                    0 => int.MaxValue,
                    1 => -1,
                    2 => 0,
                    3 => limit + 1 + random.Next(1000),
                    _ => random.Next(),
                };
                BinaryPrimitives.WriteInt32LittleEndian(mutant.AsSpan(field), value);
                return (mutant, $"field{field}={value}", field == 4 && value > limit);
            case 3:
                mutant[2 + random.Next(2)] = (byte)random.Next(256);
                return (mutant, "flags-or-typesize", false);
            case 4:
                if (mutant.Length >= 20)
                {
                    var at = 16 + random.Next(mutant.Length - 19);
                    BinaryPrimitives.WriteInt32LittleEndian(mutant.AsSpan(at), random.Next(2) == 0 ? random.Next(-10, mutant.Length + 10) : random.Next(int.MinValue, int.MaxValue));
                }

                return (mutant, "int32-in-body", false);
            default:
                var start = random.Next(mutant.Length);
                random.NextBytes(mutant.AsSpan(start, Math.Min(mutant.Length - start, random.Next(1, 64))));
                return (mutant, "random-run", false);
        }
    }
}
