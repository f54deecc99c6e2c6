using System.Globalization;
using System.Numerics;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>
/// A Zarr element type. In memory (results of reads, inputs of writes) elements are always little endian;
/// <see cref="ByteOrder"/> is the order a v2 array stores them in.
/// </summary>
public sealed class ZarrDataType : IEquatable<ZarrDataType>
{
    private ZarrDataType(ZarrDataTypeKind kind, ZarrByteOrder byteOrder, NumpyTimeUnit? time, bool isDateTime, int length)
    {
        Kind = kind;
        Length = length;
        Time = time;
        IsDateTime = isDateTime;
        ByteOrder = Size == 1 || SwapWidth <= 1 ? ZarrByteOrder.NotApplicable : byteOrder;
    }

    /// <summary>The kind.</summary>
    public ZarrDataTypeKind Kind { get; }

    /// <summary>The byte order a v2 array stores elements in (v3 arrays say it in the <c>bytes</c> codec).</summary>
    public ZarrByteOrder ByteOrder { get; }

    /// <summary>
    /// For <c>datetime64</c> and <c>timedelta64</c> (read as int64 counts): the unit as NumPy writes it between the
    /// brackets, with its scale factor when not 1, such as <c>ns</c>, <c>D</c> or <c>10ms</c>; null for other types.
    /// </summary>
    public string? TimeUnit => Time?.ToString();

    /// <summary>For <c>datetime64</c> and <c>timedelta64</c>: the unit without its scale factor (<c>Y</c> … <c>as</c>).</summary>
    public string? TimeBaseUnit => Time?.Unit;

    /// <summary>For <c>datetime64</c> and <c>timedelta64</c>: the scale factor (1 unless the unit says another, as <c>10ms</c>).</summary>
    public long TimeScaleFactor => Time?.Scale ?? 0;

    /// <summary>Whether this is a <c>datetime64</c> (rather than <c>timedelta64</c>) when <see cref="TimeUnit"/> is set.</summary>
    public bool IsDateTime { get; }

    /// <summary>Whether this is a <c>datetime64</c> or <c>timedelta64</c>.</summary>
    public bool IsTime => Time is not null;

    /// <summary>For <see cref="ZarrDataTypeKind.FixedString"/> the length in code points, for <see cref="ZarrDataTypeKind.FixedBytes"/> in bytes; 0 otherwise.</summary>
    public int Length { get; }

    /// <summary>Whether elements are strings or byte strings (fixed or variable length).</summary>
    public bool IsString => Kind is ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes or ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes;

    /// <summary>
    /// Whether elements have no fixed size (<see cref="ZarrDataTypeKind.String"/>, <see cref="ZarrDataTypeKind.VariableBytes"/>):
    /// they are read and written only as strings or byte arrays, never as element bytes.
    /// </summary>
    public bool IsVariableLength => Kind is ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes;

    /// <summary>The element size in bytes; 0 for variable-length types.</summary>
    public int Size => Kind switch
    {
        ZarrDataTypeKind.FixedString => 4 * Length,
        ZarrDataTypeKind.FixedBytes => Length,
        ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes => 0,
        _ => SizeOf(Kind),
    };

    /// <summary>The width of the units whose bytes a big-endian order reverses: a complex number's parts, a UTF-32 code point, else the element.</summary>
    internal int SwapWidth => Kind switch
    {
        ZarrDataTypeKind.Complex64 or ZarrDataTypeKind.Complex128 => Size / 2,
        ZarrDataTypeKind.FixedString => 4,
        ZarrDataTypeKind.FixedBytes or ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes => 1,
        _ => Size,
    };

    /// <summary>
    /// The v3 name (<c>int16</c>, <c>float32</c>, <c>string</c>, <c>fixed_length_utf32</c>, <c>numpy.datetime64</c>, …);
    /// the types with a configuration write it beside the name (<see cref="HasV3Configuration"/>).
    /// </summary>
    public string Name => Time is not null ? (IsDateTime ? "numpy.datetime64" : "numpy.timedelta64") : Kind switch
    {
        ZarrDataTypeKind.Bool => "bool",
        ZarrDataTypeKind.Int8 => "int8",
        ZarrDataTypeKind.Int16 => "int16",
        ZarrDataTypeKind.Int32 => "int32",
        ZarrDataTypeKind.Int64 => "int64",
        ZarrDataTypeKind.UInt8 => "uint8",
        ZarrDataTypeKind.UInt16 => "uint16",
        ZarrDataTypeKind.UInt32 => "uint32",
        ZarrDataTypeKind.UInt64 => "uint64",
        ZarrDataTypeKind.Float16 => "float16",
        ZarrDataTypeKind.Float32 => "float32",
        ZarrDataTypeKind.Float64 => "float64",
        ZarrDataTypeKind.Complex64 => "complex64",
        ZarrDataTypeKind.Complex128 => "complex128",
        ZarrDataTypeKind.FixedString => "fixed_length_utf32",
        ZarrDataTypeKind.FixedBytes => "null_terminated_bytes",
        ZarrDataTypeKind.String => "string",
        _ => "bytes",
    };

    /// <summary>Whether the v3 data type is an object with a configuration (fixed-length strings and times) rather than a bare name.</summary>
    public bool HasV3Configuration => Time is not null || Kind is ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes;

    /// <summary>The v2 (NumPy) type string, such as <c>&lt;i2</c>, <c>&lt;U7</c>, <c>|S3</c>, <c>&lt;M8[ns]</c> or <c>|O</c>.</summary>
    public string V2Name
    {
        get
        {
            var order = ByteOrder switch { ZarrByteOrder.Little => "<", ZarrByteOrder.Big => ">", _ => "|" };
            if (Time is { } time)
            {
                return (ByteOrder == ZarrByteOrder.Big ? ">" : "<") + (IsDateTime ? "M8[" : "m8[") + time + "]";
            }

            var code = Kind switch
            {
                ZarrDataTypeKind.Bool => "b",
                ZarrDataTypeKind.Int8 or ZarrDataTypeKind.Int16 or ZarrDataTypeKind.Int32 or ZarrDataTypeKind.Int64 => "i",
                ZarrDataTypeKind.UInt8 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.UInt64 => "u",
                ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64 => "f",
                _ => "c",
            };
            return Kind switch
            {
                ZarrDataTypeKind.FixedString => (ByteOrder == ZarrByteOrder.Big ? ">U" : "<U") + Length.ToString(CultureInfo.InvariantCulture),
                ZarrDataTypeKind.FixedBytes => "|S" + Length.ToString(CultureInfo.InvariantCulture),
                ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes => "|O",
                _ => order + code + Size.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>Whether elements are floating point (or complex).</summary>
    public bool IsFloatingPoint => Kind is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64
        or ZarrDataTypeKind.Complex64 or ZarrDataTypeKind.Complex128;

    /// <summary>Whether elements are complex.</summary>
    public bool IsComplex => Kind is ZarrDataTypeKind.Complex64 or ZarrDataTypeKind.Complex128;

    /// <summary>
    /// The .NET element type of typed reads: bool, sbyte … ulong (long for times), Half, float, double,
    /// <see cref="Complex64"/>, <see cref="Complex"/>; string for strings and byte[] for byte strings, which are read
    /// with <see cref="ZarrArrayStrings.ReadStringsAsync"/> and <see cref="ZarrArrayStrings.ReadByteStringsAsync"/>.
    /// </summary>
    public Type ClrType => Kind switch
    {
        ZarrDataTypeKind.Bool => typeof(bool),
        ZarrDataTypeKind.Int8 => typeof(sbyte),
        ZarrDataTypeKind.Int16 => typeof(short),
        ZarrDataTypeKind.Int32 => typeof(int),
        ZarrDataTypeKind.Int64 => typeof(long),
        ZarrDataTypeKind.UInt8 => typeof(byte),
        ZarrDataTypeKind.UInt16 => typeof(ushort),
        ZarrDataTypeKind.UInt32 => typeof(uint),
        ZarrDataTypeKind.UInt64 => typeof(ulong),
        ZarrDataTypeKind.Float16 => typeof(Half),
        ZarrDataTypeKind.Float32 => typeof(float),
        ZarrDataTypeKind.Float64 => typeof(double),
        ZarrDataTypeKind.Complex64 => typeof(Complex64),
        ZarrDataTypeKind.Complex128 => typeof(Complex),
        ZarrDataTypeKind.FixedString or ZarrDataTypeKind.String => typeof(string),
        _ => typeof(byte[]),
    };

    internal NumpyTimeUnit? Time { get; }

    /// <summary>A numeric type in the given byte order.</summary>
    /// <param name="kind">The kind (a numeric one: strings need <see cref="CreateFixedString"/>, <see cref="CreateFixedBytes"/> or <see cref="CreateVariableLength"/>).</param>
    /// <param name="byteOrder">The stored byte order (v2).</param>
    /// <returns>The type.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is a string kind.</exception>
    public static ZarrDataType Create(ZarrDataTypeKind kind, ZarrByteOrder byteOrder = ZarrByteOrder.Little) =>
        kind is ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes
            ? throw new ArgumentException($"{kind} needs a length: use CreateFixedString or CreateFixedBytes.", nameof(kind))
            : kind is ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes ? CreateVariableLength(kind)
            : new(kind, byteOrder, null, false, 0);

    /// <summary>A datetime64 or timedelta64, read as int64 counts of the unit.</summary>
    /// <param name="isDateTime">datetime64 (true) or timedelta64 (false).</param>
    /// <param name="unit">The unit as NumPy writes it between brackets: <c>Y</c>, <c>M</c>, <c>W</c>, <c>D</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c>, <c>us</c>, <c>ns</c>, <c>ps</c>, <c>fs</c>, <c>as</c>, optionally after a scale factor (<c>10ms</c>).</param>
    /// <param name="byteOrder">The stored byte order.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ArgumentException">The unit is not one of NumPy's.</exception>
    public static ZarrDataType CreateTime(bool isDateTime, string unit, ZarrByteOrder byteOrder = ZarrByteOrder.Little) =>
        new(ZarrDataTypeKind.Int64, byteOrder, NumpyTimeUnit.Parse(unit) ?? throw new ArgumentException($"'{unit}' is not a NumPy time unit (Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as, optionally after a scale factor such as 10ms).", nameof(unit)), isDateTime, 0);

    /// <summary>Fixed-length strings of <paramref name="length"/> code points, stored as UTF-32 (v2 <c>&lt;U#</c>, v3 <c>fixed_length_utf32</c>).</summary>
    /// <param name="length">The length in code points (at least 1).</param>
    /// <param name="byteOrder">The stored byte order of the code points (v2).</param>
    /// <returns>The type.</returns>
    public static ZarrDataType CreateFixedString(int length, ZarrByteOrder byteOrder = ZarrByteOrder.Little) =>
        new(ZarrDataTypeKind.FixedString, byteOrder, null, false, CheckLength(length, 4));

    /// <summary>Fixed-length byte strings of <paramref name="length"/> bytes (v2 <c>|S#</c>, v3 <c>null_terminated_bytes</c>).</summary>
    /// <param name="length">The length in bytes (at least 1).</param>
    /// <returns>The type.</returns>
    public static ZarrDataType CreateFixedBytes(int length) => new(ZarrDataTypeKind.FixedBytes, ZarrByteOrder.NotApplicable, null, false, CheckLength(length, 1));

    /// <summary>Variable-length strings (<see cref="ZarrDataTypeKind.String"/>) or byte strings (<see cref="ZarrDataTypeKind.VariableBytes"/>).</summary>
    /// <param name="kind">One of the two.</param>
    /// <returns>The type.</returns>
    public static ZarrDataType CreateVariableLength(ZarrDataTypeKind kind) => kind is ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes
        ? new(kind, ZarrByteOrder.NotApplicable, null, false, 0)
        : throw new ArgumentException($"{kind} is not a variable-length kind.", nameof(kind));

    /// <summary>Parses a v2 (NumPy) type string.</summary>
    /// <param name="dtype">The type string, such as <c>&lt;f8</c>, <c>&lt;U7</c> or <c>&lt;M8[ns]</c> (<c>|O</c> needs its object codec: see the array's filters).</param>
    /// <param name="where">The array path or field, for errors.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ZarrFormatException">The type is not supported.</exception>
    public static ZarrDataType ParseV2(string dtype, string where) => DataTypeParser.ParseV2(dtype, null, where);

    /// <summary>Parses a v3 type name (one without a configuration).</summary>
    /// <param name="name">The name, such as <c>float32</c> or <c>string</c>.</param>
    /// <param name="where">The array path or field, for errors.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ZarrFormatException">The type is not supported.</exception>
    public static ZarrDataType ParseV3(string name, string where) => DataTypeParser.ParseV3(name, null, where);

    /// <summary>The size in bytes of one element of a numeric kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The size (0 for string kinds, whose size depends on their length).</returns>
    public static int SizeOf(ZarrDataTypeKind kind) => kind switch
    {
        ZarrDataTypeKind.Bool or ZarrDataTypeKind.Int8 or ZarrDataTypeKind.UInt8 => 1,
        ZarrDataTypeKind.Int16 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.Float16 => 2,
        ZarrDataTypeKind.Int32 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.Float32 => 4,
        ZarrDataTypeKind.Complex128 => 16,
        ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes or ZarrDataTypeKind.String or ZarrDataTypeKind.VariableBytes => 0,
        _ => 8,
    };

    /// <summary>This type with another byte order.</summary>
    /// <param name="byteOrder">The byte order.</param>
    /// <returns>The type.</returns>
    public ZarrDataType WithByteOrder(ZarrByteOrder byteOrder) => new(Kind, byteOrder, Time, IsDateTime, Length);

    /// <inheritdoc />
    public bool Equals(ZarrDataType? other) => other is not null && other.Kind == Kind && other.ByteOrder == ByteOrder
        && other.Time == Time && other.IsDateTime == IsDateTime && other.Length == Length;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ZarrDataType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ByteOrder, Time, IsDateTime, Length);

    /// <inheritdoc />
    public override string ToString() => Time is not null || Kind is ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes ? V2Name : Name;

    private static int CheckLength(int length, int unit) => length >= 1 && length <= Array.MaxLength / unit
        ? length
        : throw new ArgumentOutOfRangeException(nameof(length), length, "A fixed-length string type holds at least 1 and at most Array.MaxLength bytes.");
}
