using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// Differential tests of <see cref="CodecChain.DecodeInto"/> against <see cref="CodecChain.Decode"/>: the same bytes for
/// every chain in <see cref="DecodeIntoCases"/> and every numcodecs fixture file; errors name the key, nothing is
/// written past the destination, the input is never changed.
/// </summary>
public class CodecChainDecodeIntoTests
{
    private const int Guard = 64;
    private const byte GuardByte = 0xCD;

    public static TheoryData<string> Chains() => DecodeIntoCases.All();

    [Theory]
    [MemberData(nameof(Chains))]
    public void DecodeInto_gives_the_same_bytes_as_Decode_and_leaves_the_input_alone(string name)
    {
        var (chain, repr, data) = DecodeIntoCases.Create(name);
        var encoded = chain.Encode(data, repr).ToArray();
        var snapshot = (byte[])encoded.Clone();

        var expected = chain.Decode(encoded, repr, name);
        Assert.Equal(data, expected);

        var buffer = Guarded(data.Length);
        chain.DecodeInto(encoded, repr, buffer.AsSpan(0, data.Length), name);
        Assert.True(expected.AsSpan().SequenceEqual(buffer.AsSpan(0, data.Length)), $"{name}: DecodeInto differs from Decode");
        AssertGuardIntact(buffer, data.Length);
        Assert.Equal(snapshot, encoded);
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void A_destination_of_the_wrong_size_is_a_format_error_naming_the_key_and_nothing_is_written_past_it(string name)
    {
        var (chain, repr, data) = DecodeIntoCases.Create(name);
        var encoded = chain.Encode(data, repr).ToArray();
        var snapshot = (byte[])encoded.Clone();

        foreach (var size in new[] { data.Length - 1, data.Length + 1, 0 })
        {
            var buffer = Guarded(size);
            var e = Assert.Throws<ZarrFormatException>(() => chain.DecodeInto(encoded, repr, buffer.AsSpan(0, size), "chunk/key.1"));
            Assert.Contains("chunk/key.1", e.Message, StringComparison.Ordinal);
            AssertGuardIntact(buffer, size);
        }

        Assert.Equal(snapshot, encoded);
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void Truncated_input_fails_as_Decode_does_naming_the_key_without_writing_past_the_destination(string name)
    {
        var (chain, repr, data) = DecodeIntoCases.Create(name);
        var encoded = chain.Encode(data, repr).ToArray();
        var snapshot = (byte[])encoded.Clone();

        foreach (var length in new[] { encoded.Length / 2, encoded.Length - 1, encoded.Length - 3, 0 })
        {
            var input = encoded.AsMemory(0, Math.Max(length, 0));
            var buffer = Guarded(data.Length);
            byte[]? expected = null;
            try
            {
                expected = chain.Decode(input, repr, "trunc/0");
            }
            catch (ZarrFormatException)
            {
            }

            if (expected is null || length == encoded.Length / 2)
            {
                var e = Assert.Throws<ZarrFormatException>(() => chain.DecodeInto(input, repr, buffer.AsSpan(0, data.Length), "trunc/0"));
                Assert.Contains("trunc/0", e.Message, StringComparison.Ordinal);
            }
            else
            {
                chain.DecodeInto(input, repr, buffer.AsSpan(0, data.Length), "trunc/0");
                Assert.True(expected.AsSpan().SequenceEqual(buffer.AsSpan(0, data.Length)));
            }

            AssertGuardIntact(buffer, data.Length);
        }

        Assert.Equal(snapshot, encoded);
    }

    [Fact]
    public void A_corrupt_block_in_a_large_Blosc_frame_is_a_format_error_naming_the_key()
    {
        var (chain, repr, data) = DecodeIntoCases.Create("blosc-lz4-shuffle-float32-4MiB");
        var encoded = chain.Encode(data, repr).ToArray();
        var blocks = BitConverter.ToInt32(encoded, 8) is var blockSize && blockSize > 0 ? (data.Length + blockSize - 1) / blockSize : 0;
        Assert.True(blocks >= 4);

        // Point the start of the last block past the frame's end.
        BitConverter.TryWriteBytes(encoded.AsSpan(16 + (4 * (blocks - 1))), encoded.Length + 10);
        var buffer = Guarded(data.Length);
        var e = Assert.Throws<ZarrFormatException>(() => chain.DecodeInto(encoded, repr, buffer.AsSpan(0, data.Length), "big/3"));
        Assert.Contains("big/3", e.Message, StringComparison.Ordinal);
        AssertGuardIntact(buffer, data.Length);
    }

    public static TheoryData<string, string, string> NumcodecsCases()
    {
        var data = NumcodecsFixtureTests.BytesCases();
        foreach (var row in BloscArrayTests.NumcodecsBloscCases())
        {
            data.Add("blosc", (string)row[0], (string)row[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NumcodecsCases))]
    public void DecodeInto_decodes_the_numcodecs_fixture_exactly(string codec, string configDir, string encodedFile)
    {
        var dir = Path.Combine(TestPaths.NumcodecsFixture, codec);
        var array = NpyReader.Read(Path.Combine(dir, "array." + encodedFile["encoded.".Length..^".dat".Length] + ".npy"));
        var configPath = Path.Combine(dir, configDir, "config.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
        var id = doc.RootElement.GetProperty("id").GetString()!;
        var size = array.Descr.Length > 2 && int.TryParse(array.Descr[2..].Split('[')[0], out var s) ? s : 1;
        var codecImpl = CodecFactory.CreateBytesToBytes(id, new CodecConfig(id, doc.RootElement.Clone(), configPath), size, v2: true);
        var encoded = File.ReadAllBytes(Path.Combine(dir, configDir, encodedFile));

        var buffer = Guarded(array.Data.Length);
        codecImpl.DecodeInto(encoded, buffer.AsSpan(0, array.Data.Length), encodedFile);
        Assert.True(array.Data.AsSpan().SequenceEqual(buffer.AsSpan(0, array.Data.Length)));
        AssertGuardIntact(buffer, array.Data.Length);

        using var pooled = codecImpl.DecodePooled(encoded, array.Data.Length, encodedFile);
        Assert.True(array.Data.AsSpan().SequenceEqual(pooled.Memory.Span));
    }

    [Fact]
    public void The_default_DecodeInto_copies_what_Decode_returns_and_refuses_a_size_mismatch_naming_the_key()
    {
        IBytesToBytesCodec codec = new ReverseCodec();
        var destination = new byte[3];
        codec.DecodeInto(new byte[] { 1, 2, 3 }, destination, "k");
        Assert.Equal(new byte[] { 3, 2, 1 }, destination);

        var e = Assert.Throws<ZarrFormatException>(() => codec.DecodeInto(new byte[] { 1, 2 }, new byte[3], "short/key"));
        Assert.Contains("short/key", e.Message, StringComparison.Ordinal);
    }

    internal static byte[] Guarded(int size)
    {
        var buffer = new byte[size + Guard];
        buffer.AsSpan(size).Fill(GuardByte);
        return buffer;
    }

    internal static void AssertGuardIntact(byte[] buffer, int size) =>
        Assert.True(buffer.AsSpan(size).IndexOfAnyExcept(GuardByte) < 0, "bytes past the destination were written");

    /// <summary>A codec with only <see cref="IBytesToBytesCodec.Decode"/>, to exercise the default DecodeInto.</summary>
    private sealed class ReverseCodec : IBytesToBytesCodec
    {
        public string Name => "reverse";

        public long MaxEncodedSize(long decodedSize) => decodedSize;

        public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key) => encoded.ToArray().Reverse().ToArray();

        public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded) => decoded.ToArray().Reverse().ToArray();

        public void WriteV3(Utf8JsonWriter writer) => throw new NotSupportedException();

        public void WriteV2(Utf8JsonWriter writer) => throw new NotSupportedException();
    }
}
