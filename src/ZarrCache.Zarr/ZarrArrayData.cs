using System.Runtime.InteropServices;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr;

/// <summary>The result of a read: elements as little-endian bytes in C order, with their shape and type.</summary>
public sealed class ZarrArrayData
{
    /// <summary>Creates a result.</summary>
    /// <param name="bytes">The elements' bytes.</param>
    /// <param name="shape">The shape (indexed dimensions dropped).</param>
    /// <param name="dataType">The element type.</param>
    public ZarrArrayData(byte[] bytes, long[] shape, ZarrDataType dataType)
    {
        Bytes = bytes;
        Shape = shape;
        DataType = dataType;
    }

    /// <summary>The elements, little endian, C order.</summary>
    public byte[] Bytes { get; }

    /// <summary>The shape.</summary>
    public long[] Shape { get; }

    /// <summary>The element type.</summary>
    public ZarrDataType DataType { get; }

    /// <summary>The number of elements.</summary>
    public long Length => Bytes.Length / DataType.Size;

    /// <summary>
    /// Strings as a result of fixed-length strings (<c>&lt;U#</c>, # the most code points of any, at least 1), as
    /// NumPy holds a list of str: null is written as "".
    /// </summary>
    /// <param name="values">The strings, in C order.</param>
    /// <param name="shape">Their shape.</param>
    /// <returns>The result.</returns>
    public static ZarrArrayData FromStrings(IReadOnlyList<string?> values, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        var length = 1;
        foreach (var v in values)
        {
            length = Math.Max(length, v is null ? 0 : v.EnumerateRunes().Count());
        }

        var type = ZarrDataType.CreateFixedString(length);
        var bytes = new byte[(long)values.Count * type.Size];
        for (var i = 0; i < values.Count; i++)
        {
            StringElements.WriteFixedString(values[i], bytes.AsSpan(i * type.Size, type.Size), type);
        }

        return new ZarrArrayData(bytes, shape, type);
    }

    /// <summary>The elements as a typed array.</summary>
    /// <typeparam name="T">The element type; must be <see cref="ZarrDataType.ClrType"/>.</typeparam>
    /// <returns>A new array.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the data type.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        if (typeof(T) != DataType.ClrType)
        {
            throw new ArgumentException($"The array holds {DataType} ({DataType.ClrType.Name}), not {typeof(T).Name}.", nameof(T));
        }

        return MemoryMarshal.Cast<byte, T>(Bytes).ToArray();
    }
}
