using System.Globalization;
using System.Numerics;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>
/// A Zarr element type. In memory (results of reads, inputs of writes) elements are always little endian;
/// <see cref="ByteOrder"/> is the order a v2 array stores them in.
/// </summary>
public sealed class ZarrDataType : IEquatable<ZarrDataType>
{
    private ZarrDataType(ZarrDataTypeKind kind, ZarrByteOrder byteOrder, string? timeUnit, bool isDateTime)
    {
        Kind = kind;
        ByteOrder = Size == 1 ? ZarrByteOrder.NotApplicable : byteOrder;
        TimeUnit = timeUnit;
        IsDateTime = isDateTime;
    }

    /// <summary>The kind.</summary>
    public ZarrDataTypeKind Kind { get; }

    /// <summary>The byte order a v2 array stores elements in (v3 arrays say it in the <c>bytes</c> codec).</summary>
    public ZarrByteOrder ByteOrder { get; }

    /// <summary>For v2 <c>datetime64</c> and <c>timedelta64</c> (read as int64): the unit, such as <c>ns</c> or <c>D</c>.</summary>
    public string? TimeUnit { get; }

    /// <summary>Whether this is a v2 <c>datetime64</c> (rather than <c>timedelta64</c>) when <see cref="TimeUnit"/> is set.</summary>
    public bool IsDateTime { get; }

    /// <summary>The element size in bytes.</summary>
    public int Size => SizeOf(Kind);

    /// <summary>The v3 name (<c>int16</c>, <c>float32</c>, …).</summary>
    public string Name => Kind switch
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
        _ => "complex128",
    };

    /// <summary>The v2 (NumPy) type string, such as <c>&lt;i2</c>.</summary>
    public string V2Name
    {
        get
        {
            var order = ByteOrder switch { ZarrByteOrder.Little => "<", ZarrByteOrder.Big => ">", _ => "|" };
            if (TimeUnit is not null)
            {
                return order + (IsDateTime ? "M8[" : "m8[") + TimeUnit + "]";
            }

            var code = Kind switch
            {
                ZarrDataTypeKind.Bool => "b",
                ZarrDataTypeKind.Int8 or ZarrDataTypeKind.Int16 or ZarrDataTypeKind.Int32 or ZarrDataTypeKind.Int64 => "i",
                ZarrDataTypeKind.UInt8 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.UInt64 => "u",
                ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64 => "f",
                _ => "c",
            };
            return order + code + Size.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Whether elements are floating point (or complex).</summary>
    public bool IsFloatingPoint => Kind is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64
        or ZarrDataTypeKind.Complex64 or ZarrDataTypeKind.Complex128;

    /// <summary>Whether elements are complex.</summary>
    public bool IsComplex => Kind is ZarrDataTypeKind.Complex64 or ZarrDataTypeKind.Complex128;

    /// <summary>The .NET element type of typed reads: bool, sbyte … ulong, Half, float, double, <see cref="Complex64"/>, <see cref="Complex"/>.</summary>
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
        _ => typeof(Complex),
    };

    /// <summary>A type in the given byte order.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="byteOrder">The stored byte order (v2).</param>
    /// <returns>The type.</returns>
    public static ZarrDataType Create(ZarrDataTypeKind kind, ZarrByteOrder byteOrder = ZarrByteOrder.Little) => new(kind, byteOrder, null, false);

    /// <summary>A v2 datetime64 or timedelta64, read as int64.</summary>
    /// <param name="isDateTime">datetime64 (true) or timedelta64 (false).</param>
    /// <param name="unit">The unit, such as <c>ns</c>.</param>
    /// <param name="byteOrder">The stored byte order.</param>
    /// <returns>The type.</returns>
    public static ZarrDataType CreateTime(bool isDateTime, string unit, ZarrByteOrder byteOrder) => new(ZarrDataTypeKind.Int64, byteOrder, unit, isDateTime);

    /// <summary>Parses a v2 (NumPy) type string.</summary>
    /// <param name="dtype">The type string, such as <c>&lt;f8</c>.</param>
    /// <param name="where">The array path or field, for errors.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ZarrFormatException">The type is not a supported numeric type.</exception>
    public static ZarrDataType ParseV2(string dtype, string where) => DataTypeParser.ParseV2(dtype, where);

    /// <summary>Parses a v3 type name.</summary>
    /// <param name="name">The name, such as <c>float32</c>.</param>
    /// <param name="where">The array path or field, for errors.</param>
    /// <returns>The type.</returns>
    /// <exception cref="ZarrFormatException">The type is not a supported numeric type.</exception>
    public static ZarrDataType ParseV3(string name, string where) => DataTypeParser.ParseV3(name, where);

    /// <summary>The size in bytes of one element of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The size.</returns>
    public static int SizeOf(ZarrDataTypeKind kind) => kind switch
    {
        ZarrDataTypeKind.Bool or ZarrDataTypeKind.Int8 or ZarrDataTypeKind.UInt8 => 1,
        ZarrDataTypeKind.Int16 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.Float16 => 2,
        ZarrDataTypeKind.Int32 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.Float32 => 4,
        ZarrDataTypeKind.Complex128 => 16,
        _ => 8,
    };

    /// <summary>This type with another byte order.</summary>
    /// <param name="byteOrder">The byte order.</param>
    /// <returns>The type.</returns>
    public ZarrDataType WithByteOrder(ZarrByteOrder byteOrder) => new(Kind, byteOrder, TimeUnit, IsDateTime);

    /// <inheritdoc />
    public bool Equals(ZarrDataType? other) => other is not null && other.Kind == Kind && other.ByteOrder == ByteOrder
        && other.TimeUnit == TimeUnit && other.IsDateTime == IsDateTime;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ZarrDataType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, ByteOrder, TimeUnit, IsDateTime);

    /// <inheritdoc />
    public override string ToString() => TimeUnit is null ? Name : V2Name;
}
