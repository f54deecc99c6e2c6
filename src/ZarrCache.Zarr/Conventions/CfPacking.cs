using System.Buffers.Binary;
using System.Globalization;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// The CF packing of a numeric variable and its decoding as xarray 2023.01 (Debian's python3-xarray) does it:
/// elements equal to a fill value (<c>_FillValue</c>, <c>missing_value</c>; NaN ones mask nothing) become NaN, then
/// <c>value * scale_factor + add_offset</c>, in the floating-point type xarray chooses (see <see cref="DecodedType"/>).
/// </summary>
public sealed class CfPacking
{
    private readonly double[] _fillValues;

    private CfPacking(ZarrDataType storedType, double[] fillValues, double? scaleFactor, double? addOffset)
    {
        StoredType = storedType;
        _fillValues = fillValues;
        ScaleFactor = scaleFactor;
        AddOffset = addOffset;
        DecodedType = ChooseDecodedType(storedType, fillValues.Length > 0, scaleFactor is not null || addOffset is not null, addOffset is not null);
    }

    /// <summary>The stored element type.</summary>
    public ZarrDataType StoredType { get; }

    /// <summary>The fill values that mask elements (NaN fill values are left out: they mask nothing).</summary>
    public IReadOnlyList<double> FillValues => _fillValues;

    /// <summary>The <c>scale_factor</c> attribute, if any.</summary>
    public double? ScaleFactor { get; }

    /// <summary>The <c>add_offset</c> attribute, if any.</summary>
    public double? AddOffset { get; }

    /// <summary>Whether decoding changes nothing (no fill value to mask, no scale or offset): the stored values are the decoded ones.</summary>
    public bool IsIdentity => _fillValues.Length == 0 && ScaleFactor is null && AddOffset is null;

    /// <summary>
    /// The decoded element type, as xarray 2023.01 chooses it: masking promotes integers to float32 (1 and 2 bytes) or
    /// float64 (wider); scale and offset then keep float32 and float16→float32, take integers of at most 2 bytes to
    /// float32 when there is no <c>add_offset</c>, and everything else to float64. (Later xarray chooses from the
    /// attributes' own types instead, pydata/xarray#2304: float64 for JSON numbers.) Unchanged when <see cref="IsIdentity"/>.
    /// </summary>
    public ZarrDataType DecodedType { get; }

    /// <summary>
    /// The packing of an array: fill values from its <c>missing_value</c> attribute and, for v2, its Zarr
    /// <c>fill_value</c> (as xarray's zarr backend takes it for <c>_FillValue</c>), for v3 its <c>_FillValue</c>
    /// attribute (a number, <c>"NaN"</c>, or xarray's base64 of a little-endian float64); <c>scale_factor</c> and
    /// <c>add_offset</c>.
    /// </summary>
    /// <param name="array">A numeric array.</param>
    /// <param name="where">What the attributes belong to, for messages.</param>
    /// <returns>The packing.</returns>
    /// <exception cref="ZarrFormatException">An attribute is not a number (or list of numbers); the message names it.</exception>
    internal static CfPacking For(ZarrArray array, string where)
    {
        if (!IsReal(array.DataType.Kind))
        {
            throw new ArgumentException($"{where}: CF packing applies to integer and floating-point variables, not {array.DataType}.", nameof(array));
        }

        var fills = new List<double>();
        var attributes = array.Attributes;
        if (attributes.TryGetValue("missing_value", out var missing))
        {
            fills.AddRange(Numbers(missing, "missing_value", where));
        }

        if (array.ZarrFormat == 2)
        {
            if (!array.Metadata.NullFill)
            {
                fills.Add(ElementMath.Read(array.FillValue.Span, array.DataType.Kind));
            }
        }
        else if (attributes.TryGetValue("_FillValue", out var fill))
        {
            fills.AddRange(Numbers(fill, "_FillValue", where));
        }

        double? scale = attributes.TryGetValue("scale_factor", out var s) ? Single(s, "scale_factor", where) : null;
        double? offset = attributes.TryGetValue("add_offset", out var o) ? Single(o, "add_offset", where) : null;
        return new CfPacking(array.DataType, fills.Where(f => !double.IsNaN(f)).Distinct().ToArray(), scale, offset);
    }

    /// <summary>Decodes stored elements (little-endian, of <see cref="StoredType"/>) into <see cref="DecodedType"/>.</summary>
    /// <param name="stored">The stored elements, as <see cref="ZarrArray.ReadAsync(ArraySelection?, CancellationToken)"/> returns them.</param>
    /// <returns>The decoded elements (the same object when <see cref="IsIdentity"/>).</returns>
    public ZarrArrayData Decode(ZarrArrayData stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (IsIdentity)
        {
            return stored;
        }

        var from = stored.DataType.Kind;
        var inSize = stored.DataType.Size;
        var n = (int)stored.Length;
        var single = DecodedType.Kind == ZarrDataTypeKind.Float32;
        var output = GC.AllocateUninitializedArray<byte>(n * DecodedType.Size);
        for (var i = 0; i < n; i++)
        {
            var raw = ElementMath.Read(stored.Bytes.AsSpan(i * inSize, inSize), from);
            var masked = IsFill(raw);
            if (single)
            {
                // float32 arithmetic as NumPy does it on a float32 array with Python float scalars.
                var v = masked ? float.NaN : (float)raw;
                v = ScaleFactor is { } sf ? v * (float)sf : v;
                v = AddOffset is { } ao ? v + (float)ao : v;
                BinaryPrimitives.WriteSingleLittleEndian(output.AsSpan(i * 4), v);
            }
            else
            {
                var v = masked ? double.NaN : raw;
                v = ScaleFactor is { } sf ? v * sf : v;
                v = AddOffset is { } ao ? v + ao : v;
                BinaryPrimitives.WriteDoubleLittleEndian(output.AsSpan(i * 8), v);
            }
        }

        return new ZarrArrayData(output, stored.Shape, DecodedType);
    }

    /// <summary>Whether a stored value is one of the fill values (so decodes as missing).</summary>
    /// <param name="value">The stored value.</param>
    /// <returns>Whether it is masked.</returns>
    public bool IsFill(double value)
    {
        foreach (var f in _fillValues)
        {
            if (value == f)
            {
                return true;
            }
        }

        return false;
    }

    private static ZarrDataType ChooseDecodedType(ZarrDataType stored, bool masked, bool scaled, bool hasOffset)
    {
        var kind = stored.Kind;
        if (masked && IsInteger(kind))
        {
            kind = ZarrDataType.SizeOf(kind) <= 2 ? ZarrDataTypeKind.Float32 : ZarrDataTypeKind.Float64;
        }

        if (scaled)
        {
            var floating = kind is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64;
            kind = (floating && ZarrDataType.SizeOf(kind) <= 4) || (IsInteger(kind) && ZarrDataType.SizeOf(kind) <= 2 && !hasOffset)
                ? ZarrDataTypeKind.Float32
                : ZarrDataTypeKind.Float64;
        }

        return kind == stored.Kind ? stored : ZarrDataType.Create(kind);
    }

    /// <summary>Whether CF packing applies to a type: integers and real floating point.</summary>
    internal static bool IsReal(ZarrDataTypeKind kind) => IsInteger(kind) || kind is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64;

    private static bool IsInteger(ZarrDataTypeKind kind) => kind is ZarrDataTypeKind.Int8 or ZarrDataTypeKind.Int16 or ZarrDataTypeKind.Int32 or ZarrDataTypeKind.Int64
        or ZarrDataTypeKind.UInt8 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.UInt64;

    private static double Single(JsonElement value, string name, string where)
    {
        var numbers = Numbers(value, name, where);
        return numbers.Length == 1 ? numbers[0] : throw new ZarrFormatException($"{where}: attribute '{name}' holds {numbers.Length} numbers, not one.");
    }

    private static double[] Numbers(JsonElement value, string name, string where) => value.ValueKind switch
    {
        JsonValueKind.Number => [value.GetDouble()],
        JsonValueKind.String => [Text(value.GetString()!, name, where)],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array
            ? throw new ZarrFormatException($"{where}: attribute '{name}' is a nested list, not a number.")
            : Numbers(e, name, where)).ToArray(),
        JsonValueKind.Null => [],
        _ => throw new ZarrFormatException($"{where}: attribute '{name}' is {value.ValueKind.ToString().ToLowerInvariant()}, not a number."),
    };

    /// <summary>A fill value written as text: NaN/Infinity as zarr writes them, or xarray's base64 of a little-endian float64 (its FillValueCoder for v3).</summary>
    private static double Text(string text, string name, string where)
    {
        switch (text)
        {
            case "NaN": return double.NaN;
            case "Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }

        var bytes = new byte[8];
        if (Convert.TryFromBase64String(text, bytes, out var written) && written == 8)
        {
            return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ZarrFormatException($"{where}: attribute '{name}' is \"{text}\", not a number.");
    }
}
