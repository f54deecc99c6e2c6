using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// numcodecs <c>packbits</c>, <c>quantize</c> and <c>astype</c> through v2 and v3 chains: numcodecs 0.11's bytes,
/// round trips, and the errors for packed chunks that do not fit their shape.
/// </summary>
public class NumcodecsFilterTests
{
    private const string Where = "arr/.zarray";

    private static readonly ZarrDataType Bool = ZarrDataType.Create(ZarrDataTypeKind.Bool);

    [Fact]
    public void Packbits_stores_the_padding_count_then_the_bits_most_significant_first_as_numcodecs_does()
    {
        // numcodecs.PackBits().encode(np.array([True, False, False, True])) == [4, 144]
        var chain = V2Chain("""[{"id":"packbits"}]""", Bool, [4]);

        var encoded = chain.Encode([1, 0, 0, 1], Repr(Bool, [4]));

        Assert.Equal(new byte[] { 4, 0b1001_0000 }, encoded.ToArray());
        Assert.Equal(new byte[] { 1, 0, 0, 1 }, chain.Decode(encoded, Repr(Bool, [4]), "k"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(101)]
    public void Packbits_round_trips_bool_chunks_of_any_length_in_v2_and_v3(int n)
    {
        var values = Enumerable.Range(0, n).Select(i => (byte)(i % 3 == 0 || i % 7 == 1 ? 1 : 0)).ToArray();
        var repr = Repr(Bool, [n]);

        foreach (var chain in new[] { V2Chain("""[{"id":"packbits"}]""", Bool, [n]), V3Chain("""[{"name":"numcodecs.packbits"},{"name":"bytes"}]""", Bool, [n]) })
        {
            var encoded = chain.Encode(values, repr);
            Assert.Equal(1 + ((n + 7) / 8), encoded.Length);
            Assert.Equal(values, chain.Decode(encoded, repr, "k"));
        }
    }

    [Fact]
    public void Packbits_under_a_compressor_round_trips_a_two_dimensional_chunk()
    {
        var repr = Repr(Bool, [3, 5]);
        var chain = V2Chain("""[{"id":"packbits"}]""", Bool, [3, 5], compressor: """{"id":"zlib","level":1}""");
        var values = Enumerable.Range(0, 15).Select(i => (byte)(i % 2)).ToArray();

        Assert.Equal(values, chain.Decode(chain.Encode(values, repr), repr, "k"));
    }

    [Theory]
    [InlineData(new byte[] { 3, 0xFF, 0xF8 })]      // 13 bools pad 3 bits, stored as 3: fine; see the next cases
    public void Packbits_chunk_consistent_with_its_shape_decodes(byte[] stored)
    {
        var chain = V2Chain("""[{"id":"packbits"}]""", Bool, [13]);

        Assert.Equal(Enumerable.Repeat((byte)1, 13).ToArray(), chain.Decode(stored, Repr(Bool, [13]), "arr/0"));
    }

    [Theory]
    [InlineData(new byte[] { 4, 0xFF, 0xF8 })]      // wrong padding count for 13 bools
    [InlineData(new byte[] { 3, 0xFF })]            // too short
    [InlineData(new byte[] { 3, 0xFF, 0xF8, 0x00 })] // too long
    [InlineData(new byte[0])]                      // empty
    public void Packbits_chunk_whose_length_or_padding_does_not_fit_its_shape_is_refused_naming_the_key(byte[] stored)
    {
        var chain = V2Chain("""[{"id":"packbits"}]""", Bool, [13]);

        var e = Assert.Throws<ZarrFormatException>(() => chain.Decode(stored, Repr(Bool, [13]), "arr/0.1"));

        Assert.StartsWith("arr/0.1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packbits_padding_byte_that_disagrees_is_reported_with_what_the_shape_needs()
    {
        var codec = new PackBitsCodec();

        var e = Assert.Throws<ZarrFormatException>(() => codec.Decode([0, 0xFF, 0xF8], Repr(Bool, [13]), "arr/7"));

        Assert.Equal("arr/7: packbits holds 3 bytes with padding byte 0; 13 bools need 3 bytes with padding byte 3.", e.Message);
    }

    [Fact]
    public void Packbits_on_a_non_bool_array_is_refused_naming_the_codec()
    {
        var e = Assert.Throws<ZarrFormatException>(() => V2Chain("""[{"id":"packbits"}]""", ZarrDataType.Create(ZarrDataTypeKind.UInt8), [8]));

        Assert.Contains("'packbits'", e.Message, StringComparison.Ordinal);
        Assert.Contains("arr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_scale_is_the_power_of_two_numcodecs_computes_for_the_digits()
    {
        // numcodecs 0.11: digits 1 -> 2^4, 2 -> 2^7, 3 -> 2^10, 0 -> 2^0.
        Assert.Equal(16, Quantize(1).Scale);
        Assert.Equal(128, Quantize(2).Scale);
        Assert.Equal(1024, Quantize(3).Scale);
        Assert.Equal(1, Quantize(0).Scale);
    }

    [Fact]
    public void Quantize_encodes_as_numcodecs_docstring_shows_and_decodes_as_the_identity()
    {
        // numcodecs docs: Quantize(digits=1, dtype='f8').encode(np.linspace(0, 1, 10))
        var f8 = ZarrDataType.Create(ZarrDataTypeKind.Float64);
        var chain = V2Chain("""[{"id":"quantize","digits":1,"dtype":"<f8"}]""", f8, [10]);
        var values = Enumerable.Range(0, 10).Select(i => i / 9.0).ToArray();

        var encoded = chain.Encode(Bytes(values), Repr(f8, [10]));

        double[] expected = [0, 0.125, 0.25, 0.3125, 0.4375, 0.5625, 0.6875, 0.75, 0.875, 1];
        Assert.Equal(expected, Doubles(encoded.ToArray()));
        Assert.Equal(encoded.ToArray(), chain.Decode(encoded, Repr(f8, [10]), "k"));
    }

    [Fact]
    public void Quantize_with_astype_stores_the_narrower_floats_and_decodes_them_widened()
    {
        var f8 = ZarrDataType.Create(ZarrDataTypeKind.Float64);
        var chain = V3Chain("""[{"name":"numcodecs.quantize","configuration":{"digits":3,"dtype":"float64","astype":"float32"}},{"name":"bytes"}]""", f8, [4]);
        double[] values = [1.0 / 3, -2.5, 1e6 / 7, double.PositiveInfinity];

        var encoded = chain.Encode(Bytes(values), Repr(f8, [4]));
        var decoded = Doubles(chain.Decode(encoded, Repr(f8, [4]), "k"));

        Assert.Equal(16, encoded.Length);
        // numcodecs.Quantize(3, 'f8', astype='f4').encode([1/3, -2.5, 1e6/7, inf]).astype('f8')
        Assert.Equal([0.3330078125, -2.5, 142857.140625, double.PositiveInfinity], decoded);
    }

    [Fact]
    public void Astype_decodes_stored_float32_to_float64_and_encodes_back()
    {
        var f8 = ZarrDataType.Create(ZarrDataTypeKind.Float64);
        var chain = V2Chain("""[{"id":"astype","encode_dtype":"<f4","decode_dtype":"<f8"}]""", f8, [3]);

        var encoded = chain.Encode(Bytes([0.1, -3, 1e300]), Repr(f8, [3]));

        Assert.Equal(12, encoded.Length);
        Assert.Equal([(double)0.1f, -3, double.PositiveInfinity], Doubles(chain.Decode(encoded, Repr(f8, [3]), "k")));
    }

    [Fact]
    public void Astype_int64_stored_as_int16_wraps_on_encode_and_sign_extends_on_decode_as_numpy_does()
    {
        var i8 = ZarrDataType.Create(ZarrDataTypeKind.Int64);
        var chain = V3Chain("""[{"name":"numcodecs.astype","configuration":{"encode_dtype":"int16","decode_dtype":"int64"}},{"name":"bytes","configuration":{"endian":"big"}}]""", i8, [4]);
        long[] values = [-1, 70000, long.MaxValue, -32768];

        var decoded = chain.Decode(chain.Encode(Longs(values), Repr(i8, [4])), Repr(i8, [4]), "k");

        // numpy: np.array([-1, 70000, 2**63-1, -32768]).astype('i2').astype('i8') == [-1, 4464, -1, -32768]
        Assert.Equal(new long[] { -1, 4464, -1, -32768 }, Enumerable.Range(0, 4).Select(i => BitConverter.ToInt64(decoded, i * 8)));
    }

    [Fact]
    public void Astype_uint64_to_float64_does_not_lose_the_high_bit()
    {
        var result = new byte[8];
        ElementMath.Convert(BitConverter.GetBytes(ulong.MaxValue), ZarrDataTypeKind.UInt64, result, ZarrDataTypeKind.Float64);

        Assert.Equal(18446744073709551616.0, BitConverter.ToDouble(result));
    }

    [Fact]
    public void Astype_whose_decode_dtype_is_not_the_arrays_type_is_refused_naming_the_field()
    {
        var e = Assert.Throws<ZarrFormatException>(() =>
            V2Chain("""[{"id":"astype","encode_dtype":"<i2","decode_dtype":"<i4"}]""", ZarrDataType.Create(ZarrDataTypeKind.Int64), [4]));

        Assert.Contains("'decode_dtype'", e.Message, StringComparison.Ordinal);
    }

    private static QuantizeCodec Quantize(int digits)
    {
        var f8 = ZarrDataType.Create(ZarrDataTypeKind.Float64);
        return new QuantizeCodec(digits, f8, f8);
    }

    private static ChunkRepresentation Repr(ZarrDataType type, int[] shape) => new(shape, type, new byte[type.Size]);

    private static CodecChain V2Chain(string filters, ZarrDataType type, int[] shape, string? compressor = null)
    {
        using var f = JsonDocument.Parse(filters);
        using var c = JsonDocument.Parse(compressor ?? "null");
        return CodecFactory.BuildV2(c.RootElement.Clone(), f.RootElement.Clone(), Repr(type, shape), false, Where);
    }

    private static CodecChain V3Chain(string codecs, ZarrDataType type, int[] shape)
    {
        using var doc = JsonDocument.Parse(codecs);
        return CodecFactory.BuildV3(doc.RootElement.Clone(), Repr(type, shape), "arr/zarr.json");
    }

    private static byte[] Bytes(double[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Longs(long[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static double[] Doubles(byte[] bytes) => Enumerable.Range(0, bytes.Length / 8).Select(i => BitConverter.ToDouble(bytes, i * 8)).ToArray();
}
