using System.Runtime.InteropServices;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr;

/// <summary>
/// Decides whether a read may convert an array's elements to the numeric type it asks for (NumPy's <c>np.can_cast</c>
/// rules), and converts them (little-endian bytes) with <see cref="ElementMath.Convert"/>, NumPy's <c>astype</c>.
/// </summary>
internal sealed class ElementConversion
{
    private readonly ZarrDataTypeKind _from;
    private readonly ZarrDataTypeKind _to;

    private ElementConversion(ZarrDataTypeKind from, ZarrDataTypeKind to) => (_from, _to) = (from, to);

    /// <summary>No conversion: the elements' bytes as they are.</summary>
    public static ElementConversion Identity { get; } = new(default, default) { IsIdentity = true };

    /// <summary>Whether the element type asked for is the array's (no conversion: the read decodes straight into the result).</summary>
    public bool IsIdentity { get; private init; }

    /// <summary>The conversion of <paramref name="dataType"/>'s elements to <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The conversion is not numeric, or <paramref name="casting"/> does not allow it; the message names the array, both types and the casting to pass.
    /// </exception>
    public static ElementConversion For<T>(ZarrDataType dataType, ZarrCasting casting, string arrayPath)
        where T : unmanaged
    {
        var source = dataType.ClrType;
        if (typeof(T) == source)
        {
            return Identity;
        }

        if (NumericKindOf(source) is not { } fromKind || NumericKindOf(typeof(T)) is not { } toKind)
        {
            throw new ArgumentException(
                $"Array '{arrayPath}' holds {dataType} ({source.Name}), which cannot be read as {typeof(T).Name}: conversions are between integer and floating-point types only.", nameof(T));
        }

        var (from, to) = (NumPyKind(fromKind), NumPyKind(toKind));
        if (!CanCast(from, to, casting))
        {
            var next = CanCast(from, to, ZarrCasting.SameKind) ? ZarrCasting.SameKind : ZarrCasting.Unsafe;
            throw new ArgumentException(
                $"Array '{arrayPath}' holds {dataType} ({source.Name}); reading it as {typeof(T).Name} may lose values, which casting {casting} refuses (as NumPy's can_cast): pass ZarrCasting.{next} to allow it.",
                nameof(casting));
        }

        return new ElementConversion(fromKind, toKind);
    }

    /// <summary>Whether NumPy's <c>np.can_cast(from, to, casting)</c> holds for two numeric types (kind: 'u', 'i' or 'f'; size in bytes).</summary>
    internal static bool CanCast((char Kind, int Size) from, (char Kind, int Size) to, ZarrCasting casting)
    {
        if (casting == ZarrCasting.Unsafe || from == to)
        {
            return true;
        }

        var safe = (from.Kind, to.Kind) switch
        {
            ('u', 'u') or ('i', 'i') or ('f', 'f') => to.Size >= from.Size,
            ('u', 'i') => to.Size > from.Size,
            ('u', 'f') or ('i', 'f') => to.Size > from.Size || (to.Size == 8 && from.Size == 8),
            _ => false,
        };
        return safe || (casting == ZarrCasting.SameKind && KindOrder(from.Kind) <= KindOrder(to.Kind));
    }

    /// <summary>The Zarr data type of a CLR numeric type; null for bool, complex and others.</summary>
    internal static ZarrDataTypeKind? NumericKindOf(Type type) => type switch
    {
        _ when type == typeof(sbyte) => ZarrDataTypeKind.Int8,
        _ when type == typeof(short) => ZarrDataTypeKind.Int16,
        _ when type == typeof(int) => ZarrDataTypeKind.Int32,
        _ when type == typeof(long) => ZarrDataTypeKind.Int64,
        _ when type == typeof(byte) => ZarrDataTypeKind.UInt8,
        _ when type == typeof(ushort) => ZarrDataTypeKind.UInt16,
        _ when type == typeof(uint) => ZarrDataTypeKind.UInt32,
        _ when type == typeof(ulong) => ZarrDataTypeKind.UInt64,
        _ when type == typeof(Half) => ZarrDataTypeKind.Float16,
        _ when type == typeof(float) => ZarrDataTypeKind.Float32,
        _ when type == typeof(double) => ZarrDataTypeKind.Float64,
        _ => null,
    };

    /// <summary>Converts little-endian elements of the array's type into <paramref name="destination"/>.</summary>
    public void Convert<T>(ReadOnlySpan<byte> source, Span<T> destination)
        where T : unmanaged
    {
        if (IsIdentity)
        {
            source.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        ElementMath.Convert(source, _from, MemoryMarshal.AsBytes(destination), _to);
    }

    /// <summary>NumPy's kind letter ('i', 'u' or 'f') and the size in bytes of a numeric type.</summary>
    private static (char Kind, int Size) NumPyKind(ZarrDataTypeKind kind) =>
        (kind is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64 ? 'f'
            : kind is ZarrDataTypeKind.UInt8 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.UInt64 ? 'u' : 'i',
         ZarrDataType.SizeOf(kind));

    private static int KindOrder(char kind) => kind switch { 'u' => 1, 'i' => 2, _ => 3 };
}
