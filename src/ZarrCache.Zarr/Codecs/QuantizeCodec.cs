using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// numcodecs <c>quantize</c>: encoding rounds each float to a multiple of 2^-bits (bits enough for <c>digits</c> decimal
/// digits, computed as numcodecs 0.11 does) in <c>dtype</c> and stores it as <c>astype</c>; decoding converts the stored
/// floats back to <c>dtype</c> (the identity when the two are equal).
/// </summary>
internal sealed class QuantizeCodec(int digits, ZarrDataType dataType, ZarrDataType storedType) : NumcodecsTypedFilter(Id, dataType, storedType)
{
    private const string Id = "quantize";

    /// <summary>v3 <c>numcodecs.quantize</c>, v2 <c>quantize</c>; as a v2 filter numcodecs stores <c>astype</c> (default <c>dtype</c>).</summary>
    public static readonly CodecRegistration Registration =
        Register(Id, Create, v2StoredType: (cfg, stored) => NumcodecsDataType.ParseTypes(cfg, stored).StoredType);

    public int Digits { get; } = digits;

    public static QuantizeCodec Create(CodecConfig config, ZarrDataType arrayType)
    {
        var (dtype, astype) = NumcodecsDataType.ParseTypes(config, arrayType);
        if (dtype.Kind != arrayType.Kind || !dtype.IsFloatingPoint || dtype.IsComplex)
        {
            throw config.Error("dtype", $"must be the array's type {arrayType}, a floating point type");
        }

        return !astype.IsFloatingPoint || astype.IsComplex
            ? throw config.Error("astype", "must be a floating point type")
            : new QuantizeCodec(config.GetInt("digits"), dtype, astype);
    }

    /// <summary>The power of two numcodecs scales by before rounding: <c>2^ceil(log2(10^-exp))</c>, exp = log10(10^-digits) rounded away from zero.</summary>
    public double Scale
    {
        get
        {
            // The same libm calls in the same order as numcodecs 0.11 (math.log(x, 10) is log(x) / log(10)).
            var exp = Math.Log(Math.Pow(10, -Digits)) / Math.Log(10);
            exp = exp < 0 ? Math.Floor(exp) : Math.Ceiling(exp);
            return Math.Pow(2, Math.Ceiling(Math.Log(Math.Pow(10, -exp)) / Math.Log(2)));
        }
    }

    public override byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key) =>
        StoredType.Kind == DataType.Kind ? encoded : Convert(encoded, StoredType, DataType);

    public override byte[] Encode(byte[] decoded, ChunkRepresentation representation)
    {
        // NumPy computes in dtype: np.around(scale * arr) / scale, rounding half to even.
        var scale = Scale;
        return ElementMath.Map(decoded, DataType, StoredType, v => InDataType(InDataType(Math.Round(InDataType(scale * v), MidpointRounding.ToEven)) / scale));
    }

    protected override void WriteFields(Utf8JsonWriter writer, bool v2)
    {
        writer.WriteNumber("digits", Digits);
        WriteType(writer, "dtype", DataType, v2);
        WriteType(writer, "astype", StoredType, v2);
    }

    private double InDataType(double v) => DataType.Kind switch
    {
        ZarrDataTypeKind.Float16 => (double)(Half)v,
        ZarrDataTypeKind.Float32 => (float)v,
        _ => v,
    };
}
