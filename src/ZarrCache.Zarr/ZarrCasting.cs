namespace ZarrCache.Zarr;

/// <summary>
/// Which numeric conversions a typed read allows when the element type asked for is not the array's, as NumPy's
/// <c>casting</c> argument (<c>np.can_cast</c>); values convert as NumPy's <c>astype</c> does (integers wrap, floats
/// round to nearest, floats to integers truncate toward zero), the fill value like any element.
/// </summary>
public enum ZarrCasting
{
    /// <summary>Only conversions that keep every value (int16 → float32, float32 → float64, uint8 → int32); the default.</summary>
    Safe,

    /// <summary>Safe conversions and those within a kind or to a later kind (float64 → float32, int64 → int8, uint16 → int8, int32 → float16).</summary>
    SameKind,

    /// <summary>Any conversion between numeric types (float64 → int32 truncates, int32 → uint8 wraps).</summary>
    Unsafe,
}
