namespace ZarrCache.Zarr.DataTypes;

/// <summary>The byte order of stored elements.</summary>
public enum ZarrByteOrder
{
    /// <summary>Little endian (v2 <c>&lt;</c>).</summary>
    Little,

    /// <summary>Big endian (v2 <c>&gt;</c>).</summary>
    Big,

    /// <summary>Single-byte types (v2 <c>|</c>).</summary>
    NotApplicable,
}
