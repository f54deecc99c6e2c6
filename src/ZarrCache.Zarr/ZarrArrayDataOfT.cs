using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZarrCache.Zarr;

/// <summary>
/// A typed read result: elements in C order and the shape; <see cref="ToTensor"/> gives a
/// <see cref="System.Numerics.Tensors.Tensor{T}"/>, <see cref="ToArray2D"/> and <see cref="ToArray3D"/> .NET multidimensional arrays.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Data">The elements.</param>
/// <param name="Shape">The shape (indexed dimensions dropped).</param>
#pragma warning disable CA1819 // The array is the result itself.
public sealed record ZarrArrayData<T>(T[] Data, long[] Shape)
#pragma warning restore CA1819
{
    /// <summary>
    /// The result as a <see cref="Tensor{T}"/> of its shape (System.Numerics.Tensors), over <see cref="Data"/> itself
    /// (no copy: a change to one is a change to the other). A result of no dimensions (every dimension indexed) is a
    /// tensor of shape [1].
    /// </summary>
    /// <returns>The tensor.</returns>
    public Tensor<T> ToTensor() =>
        Tensor.Create(Data, Shape.Length == 0 ? [1] : Array.ConvertAll(Shape, length => (nint)length));

    /// <summary>The elements as a <c>T[,]</c> (a .NET multidimensional array is in C order too: <c>[i, j]</c> is row i, column j).</summary>
    /// <returns>A new array.</returns>
    /// <exception cref="InvalidOperationException">The result does not have 2 dimensions; the message names its shape.</exception>
    public T[,] ToArray2D()
    {
        CheckRank(2);
        var result = new T[Shape[0], Shape[1]];
        Data.CopyTo(Elements(result));
        return result;
    }

    /// <summary>The elements as a <c>T[,,]</c> (C order: <c>[i, j, k]</c>).</summary>
    /// <returns>A new array.</returns>
    /// <exception cref="InvalidOperationException">The result does not have 3 dimensions; the message names its shape.</exception>
    public T[,,] ToArray3D()
    {
        CheckRank(3);
        var result = new T[Shape[0], Shape[1], Shape[2]];
        Data.CopyTo(Elements(result));
        return result;
    }

    /// <summary>A multidimensional array's elements as one span (they are contiguous, in C order).</summary>
    private static Span<T> Elements(Array array) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(array)), array.Length);

    private void CheckRank(int rank)
    {
        if (Shape.Length != rank)
        {
            throw new InvalidOperationException($"The result has shape [{string.Join(", ", Shape)}] ({Shape.Length} dimensions), not {rank}: select {rank} dimensions (slices keep a dimension, indexes drop it).");
        }
    }
}
