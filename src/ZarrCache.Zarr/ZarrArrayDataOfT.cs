namespace ZarrCache.Zarr;

/// <summary>A typed read result: elements in C order and the shape.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Data">The elements.</param>
/// <param name="Shape">The shape (indexed dimensions dropped).</param>
#pragma warning disable CA1819 // The array is the result itself.
public sealed record ZarrArrayData<T>(T[] Data, long[] Shape);
#pragma warning restore CA1819
