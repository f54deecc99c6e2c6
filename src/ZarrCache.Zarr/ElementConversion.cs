using System.Numerics;
using System.Runtime.InteropServices;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr;

/// <summary>Converts an array's elements (little-endian bytes) to the numeric type a read asks for, with NumPy's casting rules.</summary>
internal sealed class ElementConversion
{
    private readonly Type _source;

    private ElementConversion(Type source) => _source = source;

    /// <summary>No conversion: the elements' bytes as they are.</summary>
    public static ElementConversion Identity { get; } = new(typeof(byte)) { IsIdentity = true };

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
            return new ElementConversion(source) { IsIdentity = true };
        }

        if (NumericKind(source) is not { } from || NumericKind(typeof(T)) is not { } to)
        {
            throw new ArgumentException(
                $"Array '{arrayPath}' holds {dataType} ({source.Name}), which cannot be read as {typeof(T).Name}: conversions are between integer and floating-point types only.", nameof(T));
        }

        if (!CanCast(from, to, casting))
        {
            var next = CanCast(from, to, ZarrCasting.SameKind) ? ZarrCasting.SameKind : ZarrCasting.Unsafe;
            throw new ArgumentException(
                $"Array '{arrayPath}' holds {dataType} ({source.Name}); reading it as {typeof(T).Name} may lose values, which casting {casting} refuses (as NumPy's can_cast): pass ZarrCasting.{next} to allow it.",
                nameof(casting));
        }

        return new ElementConversion(source);
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

    /// <summary>The NumPy kind and size of a CLR numeric type; null for bool, complex and others.</summary>
    internal static (char Kind, int Size)? NumericKind(Type type) => type switch
    {
        _ when type == typeof(sbyte) => ('i', 1),
        _ when type == typeof(short) => ('i', 2),
        _ when type == typeof(int) => ('i', 4),
        _ when type == typeof(long) => ('i', 8),
        _ when type == typeof(byte) => ('u', 1),
        _ when type == typeof(ushort) => ('u', 2),
        _ when type == typeof(uint) => ('u', 4),
        _ when type == typeof(ulong) => ('u', 8),
        _ when type == typeof(Half) => ('f', 2),
        _ when type == typeof(float) => ('f', 4),
        _ when type == typeof(double) => ('f', 8),
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

        if (typeof(T) == typeof(sbyte))
        {
            From(source, MemoryMarshal.Cast<T, sbyte>(destination));
        }
        else if (typeof(T) == typeof(short))
        {
            From(source, MemoryMarshal.Cast<T, short>(destination));
        }
        else if (typeof(T) == typeof(int))
        {
            From(source, MemoryMarshal.Cast<T, int>(destination));
        }
        else if (typeof(T) == typeof(long))
        {
            From(source, MemoryMarshal.Cast<T, long>(destination));
        }
        else if (typeof(T) == typeof(byte))
        {
            From(source, MemoryMarshal.Cast<T, byte>(destination));
        }
        else if (typeof(T) == typeof(ushort))
        {
            From(source, MemoryMarshal.Cast<T, ushort>(destination));
        }
        else if (typeof(T) == typeof(uint))
        {
            From(source, MemoryMarshal.Cast<T, uint>(destination));
        }
        else if (typeof(T) == typeof(ulong))
        {
            From(source, MemoryMarshal.Cast<T, ulong>(destination));
        }
        else if (typeof(T) == typeof(Half))
        {
            From(source, MemoryMarshal.Cast<T, Half>(destination));
        }
        else if (typeof(T) == typeof(float))
        {
            From(source, MemoryMarshal.Cast<T, float>(destination));
        }
        else if (typeof(T) == typeof(double))
        {
            From(source, MemoryMarshal.Cast<T, double>(destination));
        }
        else
        {
            throw new NotSupportedException($"No conversion to {typeof(T).Name}.");
        }
    }

    private static int KindOrder(char kind) => kind switch { 'u' => 1, 'i' => 2, _ => 3 };

    private void From<TTo>(ReadOnlySpan<byte> source, Span<TTo> destination)
        where TTo : unmanaged, INumberBase<TTo>
    {
        if (_source == typeof(sbyte))
        {
            Copy(MemoryMarshal.Cast<byte, sbyte>(source), destination);
        }
        else if (_source == typeof(short))
        {
            Copy(MemoryMarshal.Cast<byte, short>(source), destination);
        }
        else if (_source == typeof(int))
        {
            Copy(MemoryMarshal.Cast<byte, int>(source), destination);
        }
        else if (_source == typeof(long))
        {
            Copy(MemoryMarshal.Cast<byte, long>(source), destination);
        }
        else if (_source == typeof(byte))
        {
            Copy(source, destination);
        }
        else if (_source == typeof(ushort))
        {
            Copy(MemoryMarshal.Cast<byte, ushort>(source), destination);
        }
        else if (_source == typeof(uint))
        {
            Copy(MemoryMarshal.Cast<byte, uint>(source), destination);
        }
        else if (_source == typeof(ulong))
        {
            Copy(MemoryMarshal.Cast<byte, ulong>(source), destination);
        }
        else if (_source == typeof(Half))
        {
            Copy(MemoryMarshal.Cast<byte, Half>(source), destination);
        }
        else if (_source == typeof(float))
        {
            Copy(MemoryMarshal.Cast<byte, float>(source), destination);
        }
        else if (_source == typeof(double))
        {
            Copy(MemoryMarshal.Cast<byte, double>(source), destination);
        }
        else
        {
            throw new NotSupportedException($"No conversion from {_source.Name}.");
        }
    }

    private static void Copy<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, INumberBase<TFrom>
        where TTo : unmanaged, INumberBase<TTo>
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = TTo.CreateTruncating(source[i]);
        }
    }
}
