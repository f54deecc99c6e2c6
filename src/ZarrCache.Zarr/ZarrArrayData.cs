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
