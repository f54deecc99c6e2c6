using System.Text;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// numcodecs' adler32 and fletcher32 checksums: the values numcodecs computes and the byte layout it writes (vectors
/// from zlib.adler32 and numcodecs 0.11's Adler32, and from numcodecs 0.12's fletcher32 tests and its source), round
/// trips, and the errors that name the chunk's key.
/// </summary>
public class ChecksumCodecTests
{
    private const string Key = "temp/c/1/2";

    // 100,001 bytes of (i * 31) % 251: several of adler32's and fletcher32's reduction blocks and an odd tail.
    private static readonly byte[] Long = [.. Enumerable.Range(0, 100_001).Select(i => (byte)(i * 31 % 251))];

    public static TheoryData<string> Codecs() => ["adler32", "adler32-at-end", "fletcher32"];

    [Theory]
    [InlineData("", 0x00000001u)]
    [InlineData("a", 0x00620062u)]
    [InlineData("abcde", 0x05C801F0u)]
    [InlineData("Wikipedia", 0x11E60398u)]
    public void Adler32_matches_zlib_on_standard_strings(string text, uint expected)
    {
        Assert.Equal(expected, Adler32Codec.Checksum(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Adler32_matches_zlib_across_many_reduction_blocks()
    {
        Assert.Equal(0x485EC73Eu, Adler32Codec.Checksum(Long));
        Assert.Equal(0x45C5312Bu, Adler32Codec.Checksum(Enumerable.Repeat((byte)0xFF, 100_001).ToArray()));
    }

    // "abcde": textbook Fletcher-32 (little-endian words) is 0xF04FC729; HDF5's big-endian words swap each halfword.
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0x61006100u)]
    [InlineData("abcde", 0x4FF029C7u)]
    [InlineData("abcdef", 0x50562A2Du)]
    [InlineData("abcdefgh", 0xE1EB9195u)]
    [InlineData("Wikipedia", 0xDDB7F8A1u)]
    public void Fletcher32_matches_numcodecs_on_standard_strings_odd_lengths_included(string text, uint expected)
    {
        Assert.Equal(expected, Fletcher32Codec.Checksum(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Fletcher32_matches_numcodecs_across_many_folding_blocks()
    {
        Assert.Equal(0xB0ACE4B1u, Fletcher32Codec.Checksum(Long));
        Assert.Equal(0xFF00FF00u, Fletcher32Codec.Checksum(Enumerable.Repeat((byte)0xFF, 100_001).ToArray()));
    }

    [Fact]
    public void Fletcher32_decodes_the_known_chunk_of_numcodecs_tests()
    {
        // numcodecs 0.12 tests/test_fletcher32.py test_known: ten little-endian int64 and the checksum after them.
        byte[] encoded =
        [
            .. Bytes(1911, -2427, 1897, -2412, 2440, 873, -621, -829, 551, -2118),
            0xFD, (byte)'%', 0x86, (byte)'d',
        ];

        var decoded = new Fletcher32Codec().Decode(encoded, 80, Key);

        Assert.Equal(Bytes(1911, -2427, 1897, -2412, 2440, 873, -621, -829, 551, -2118), decoded.ToArray());
    }

    [Fact]
    public void Adler32_puts_its_little_endian_checksum_before_the_data_as_numcodecs_does()
    {
        // numcodecs 0.11: Adler32().encode(b"Wikipedia") == 98 03 e6 11 + b"Wikipedia".
        var encoded = Create("adler32").Encode(Encoding.ASCII.GetBytes("Wikipedia"));

        Assert.Equal(Convert.FromHexString("9803E611").Concat(Encoding.ASCII.GetBytes("Wikipedia")), encoded.ToArray());
    }

    [Fact]
    public void Fletcher32_puts_its_little_endian_checksum_after_the_data_as_numcodecs_does()
    {
        var encoded = Create("fletcher32").Encode(Encoding.ASCII.GetBytes("abcde"));

        Assert.Equal(Encoding.ASCII.GetBytes("abcde").Concat(Convert.FromHexString("C729F04F")), encoded.ToArray());
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Every_length_round_trips_and_decodes_the_same_into_a_span_and_into_a_rental(string name)
    {
        var codec = Create(name);
        foreach (var length in new[] { 0, 1, 2, 3, 719, 720, 721, 5551, 5552, 5553, 100_001 })
        {
            var data = Long.AsSpan(0, length).ToArray();
            var encoded = codec.Encode(data);
            Assert.Equal(length + 4, encoded.Length);
            Assert.Equal(length + 4, codec.MaxEncodedSize(length));

            Assert.Equal(data, codec.Decode(encoded, length, Key).ToArray());
            var into = new byte[length];
            codec.DecodeInto(encoded, into, Key);
            Assert.Equal(data, into);
            using var pooled = codec.DecodePooled(encoded, length, Key);
            Assert.Equal(data, pooled.Memory.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_flipped_byte_anywhere_is_a_mismatch_naming_the_key(string name)
    {
        var codec = Create(name);
        var encoded = codec.Encode(Long.AsMemory(0, 1001)).ToArray();
        foreach (var at in new[] { 0, 3, 4, 500, 1000, 1004 })
        {
            var corrupt = (byte[])encoded.Clone();
            corrupt[at] ^= 0x10;

            var error = Assert.Throws<ZarrFormatException>(() => codec.Decode(corrupt, 1001, Key));
            Assert.StartsWith(Key + ":", error.Message, StringComparison.Ordinal);
            Assert.Contains("checksum mismatch", error.Message, StringComparison.Ordinal);
            Assert.Throws<ZarrFormatException>(() => codec.DecodeInto(corrupt, new byte[1001], Key));
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Data_shorter_than_the_checksum_is_an_error_naming_the_key(string name)
    {
        var codec = Create(name);
        foreach (var length in new[] { 0, 1, 3 })
        {
            var error = Assert.Throws<ZarrFormatException>(() => codec.Decode(new byte[length], 100, Key));
            Assert.Equal($"{Key}: {codec.Name} data of {length} bytes is shorter than its 4-byte checksum.", error.Message);
            Assert.Throws<ZarrFormatException>(() => codec.DecodePooled(new byte[length], 100, Key).Dispose());
        }
    }

    [Fact]
    public void DecodeInto_refuses_a_payload_that_is_not_the_chunk_size()
    {
        var codec = Create("fletcher32");
        var encoded = codec.Encode(Long.AsMemory(0, 10));

        var error = Assert.Throws<ZarrFormatException>(() => codec.DecodeInto(encoded, new byte[12], Key));
        Assert.Contains(Key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("numcodecs.adler32", null, """{"name":"numcodecs.adler32"}""", """{"id":"adler32"}""")]
    [InlineData("numcodecs.adler32", """{"location":"start"}""", """{"name":"numcodecs.adler32"}""", """{"id":"adler32"}""")]
    [InlineData("numcodecs.adler32", """{"location":"end"}""", """{"name":"numcodecs.adler32","configuration":{"location":"end"}}""", """{"id":"adler32","location":"end"}""")]
    [InlineData("numcodecs.fletcher32", null, """{"name":"numcodecs.fletcher32"}""", """{"id":"fletcher32"}""")]
    public void Metadata_names_the_location_only_where_it_is_not_numcodecs_default(string name, string? config, string v3, string v2)
    {
        var codec = Build(name, config);

        Assert.Equal(v3, Write(codec.WriteV3));
        Assert.Equal(v2, Write(codec.WriteV2));
    }

    [Fact]
    public void Adler32_refuses_an_unknown_location_naming_the_field()
    {
        var error = Assert.ThrowsAny<Exception>(() => Build("numcodecs.adler32", """{"location":"middle"}"""));

        Assert.Contains("location", error.Message, StringComparison.Ordinal);
    }

    private static IBytesToBytesCodec Create(string name) => name switch
    {
        "adler32" => Build("numcodecs.adler32", null),
        "adler32-at-end" => Build("numcodecs.adler32", """{"location":"end"}"""),
        _ => Build("numcodecs.fletcher32", null),
    };

    private static IBytesToBytesCodec Build(string name, string? config)
    {
        using var doc = config is null ? null : System.Text.Json.JsonDocument.Parse(config);
        var cfg = new CodecConfig(name, doc?.RootElement.Clone(), "a/zarr.json");
        return (IBytesToBytesCodec)CodecRegistry.Default.FindV3(name)!.Create(cfg, default!);
    }

    private static string Write(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static byte[] Bytes(params long[] values) =>
        [.. values.SelectMany(v => BitConverter.GetBytes(v))];
}
