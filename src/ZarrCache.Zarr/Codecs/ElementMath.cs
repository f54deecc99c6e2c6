using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>Element arithmetic for the numcodecs filters, on little-endian element bytes.</summary>
internal static class ElementMath
{
    public static double Read(ReadOnlySpan<byte> b, ZarrDataTypeKind kind) => kind switch
    {
        ZarrDataTypeKind.Bool or ZarrDataTypeKind.UInt8 => b[0],
        ZarrDataTypeKind.Int8 => (sbyte)b[0],
        ZarrDataTypeKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(b),
        ZarrDataTypeKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        ZarrDataTypeKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b),
        ZarrDataTypeKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        ZarrDataTypeKind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(b),
        ZarrDataTypeKind.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(b),
        ZarrDataTypeKind.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(b),
        ZarrDataTypeKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(b),
        ZarrDataTypeKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(b),
        _ => throw new NotSupportedException($"{kind} has no scalar value."),
    };

    /// <summary>Writes a value as NumPy's <c>astype</c> does: integers truncate toward zero and wrap.</summary>
    public static void Write(Span<byte> b, ZarrDataTypeKind kind, double v)
    {
        switch (kind)
        {
            case ZarrDataTypeKind.Float16: BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v); return;
            case ZarrDataTypeKind.Float32: BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); return;
            case ZarrDataTypeKind.Float64: BinaryPrimitives.WriteDoubleLittleEndian(b, v); return;
            case ZarrDataTypeKind.Bool: b[0] = v != 0 ? (byte)1 : (byte)0; return;
        }

        var t = double.IsFinite(v) ? Math.Truncate(v) : 0;
        WriteBits(b, kind, t < 0 ? (ulong)(long)Math.Max(t, long.MinValue) : t >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)t);
    }

    /// <summary>Each element of <paramref name="source"/> (of <paramref name="from"/>) through <paramref name="map"/>, written as <paramref name="to"/> into a new array.</summary>
    public static byte[] Map(ReadOnlySpan<byte> source, ZarrDataType from, ZarrDataType to, Func<double, double> map)
    {
        var n = source.Length / from.Size;
        var result = new byte[n * to.Size];
        for (var i = 0; i < n; i++)
        {
            Write(result.AsSpan(i * to.Size, to.Size), to.Kind, map(Read(source.Slice(i * from.Size, from.Size), from.Kind)));
        }

        return result;
    }

    /// <summary>
    /// Converts each element of <paramref name="source"/> (of <paramref name="from"/>) into <paramref name="destination"/>
    /// (of <paramref name="to"/>) as NumPy's <c>astype</c> does: integers to integers exactly, wrapping to the narrower
    /// width; integers to floating point rounded once; floating point to floating point rounded to nearest; floating
    /// point to integers truncated toward zero (NumPy leaves NaN and values out of range undefined; here they wrap, NaN
    /// and infinities become 0); anything to bool is "not zero".
    /// </summary>
    public static void Convert(ReadOnlySpan<byte> source, ZarrDataTypeKind from, Span<byte> destination, ZarrDataTypeKind to)
    {
        int fromSize = ZarrDataType.SizeOf(from), toSize = ZarrDataType.SizeOf(to);
        var fromFloat = from is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64;
        for (int i = 0, n = source.Length / fromSize; i < n; i++)
        {
            var s = source.Slice(i * fromSize, fromSize);
            var d = destination.Slice(i * toSize, toSize);
            if (fromFloat || to == ZarrDataTypeKind.Bool)
            {
                Write(d, to, Read(s, from));
                continue;
            }

            // Integers (and bool) from their exact bits: a 64-bit value never passes through a double.
            var unsigned = from == ZarrDataTypeKind.UInt64;
            var bits = fromSize switch
            {
                1 => from == ZarrDataTypeKind.Int8 ? (ulong)(sbyte)s[0] : s[0],
                2 => from == ZarrDataTypeKind.Int16 ? (ulong)BinaryPrimitives.ReadInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
                4 => from == ZarrDataTypeKind.Int32 ? (ulong)BinaryPrimitives.ReadInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(s),
            };
            switch (to)
            {
                case ZarrDataTypeKind.Float16: BinaryPrimitives.WriteHalfLittleEndian(d, unsigned ? (Half)bits : (Half)(long)bits); break;
                case ZarrDataTypeKind.Float32: BinaryPrimitives.WriteSingleLittleEndian(d, unsigned ? bits : (long)bits); break;
                case ZarrDataTypeKind.Float64: BinaryPrimitives.WriteDoubleLittleEndian(d, unsigned ? bits : (long)bits); break;
                default: WriteBits(d, to, bits); break;
            }
        }
    }

    private static void WriteBits(Span<byte> b, ZarrDataTypeKind kind, ulong bits)
    {
        switch (ZarrDataType.SizeOf(kind))
        {
            case 1: b[0] = (byte)bits; break;
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)bits); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)bits); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(b, bits); break;
        }
    }

    /// <summary>In place: element i becomes the sum of elements 0..i (bool: exclusive or), wrapping integers as NumPy does.</summary>
    public static void CumulativeSum(Span<byte> data, ZarrDataTypeKind kind)
    {
        switch (kind)
        {
            case ZarrDataTypeKind.Bool:
                for (var i = 1; i < data.Length; i++)
                {
                    data[i] = (byte)((data[i - 1] ^ data[i]) & 1);
                }

                break;
            case ZarrDataTypeKind.Int8: Sum<sbyte>(data); break;
            case ZarrDataTypeKind.UInt8: Sum<byte>(data); break;
            case ZarrDataTypeKind.Int16: Sum<short>(data); break;
            case ZarrDataTypeKind.UInt16: Sum<ushort>(data); break;
            case ZarrDataTypeKind.Int32: Sum<int>(data); break;
            case ZarrDataTypeKind.UInt32: Sum<uint>(data); break;
            case ZarrDataTypeKind.Int64: Sum<long>(data); break;
            case ZarrDataTypeKind.UInt64: Sum<ulong>(data); break;
            case ZarrDataTypeKind.Float16: Sum<Half>(data); break;
            case ZarrDataTypeKind.Float32: Sum<float>(data); break;
            case ZarrDataTypeKind.Float64: Sum<double>(data); break;
            default: throw new NotSupportedException($"delta does not support {kind}.");
        }
    }

    /// <summary>In place: element i becomes element i minus element i-1 (bool: not equal).</summary>
    public static void Difference(Span<byte> data, ZarrDataTypeKind kind)
    {
        switch (kind)
        {
            case ZarrDataTypeKind.Bool:
                for (var i = data.Length - 1; i > 0; i--)
                {
                    data[i] = (byte)((data[i - 1] ^ data[i]) & 1);
                }

                break;
            case ZarrDataTypeKind.Int8: Diff<sbyte>(data); break;
            case ZarrDataTypeKind.UInt8: Diff<byte>(data); break;
            case ZarrDataTypeKind.Int16: Diff<short>(data); break;
            case ZarrDataTypeKind.UInt16: Diff<ushort>(data); break;
            case ZarrDataTypeKind.Int32: Diff<int>(data); break;
            case ZarrDataTypeKind.UInt32: Diff<uint>(data); break;
            case ZarrDataTypeKind.Int64: Diff<long>(data); break;
            case ZarrDataTypeKind.UInt64: Diff<ulong>(data); break;
            case ZarrDataTypeKind.Float16: Diff<Half>(data); break;
            case ZarrDataTypeKind.Float32: Diff<float>(data); break;
            case ZarrDataTypeKind.Float64: Diff<double>(data); break;
            default: throw new NotSupportedException($"delta does not support {kind}.");
        }
    }

    private static void Sum<T>(Span<byte> data)
        where T : unmanaged, INumber<T>
    {
        var s = MemoryMarshal.Cast<byte, T>(data);
        for (var i = 1; i < s.Length; i++)
        {
            s[i] = unchecked(s[i - 1] + s[i]);
        }
    }

    private static void Diff<T>(Span<byte> data)
        where T : unmanaged, INumber<T>
    {
        var s = MemoryMarshal.Cast<byte, T>(data);
        for (var i = s.Length - 1; i > 0; i--)
        {
            s[i] = unchecked(s[i] - s[i - 1]);
        }
    }
}
