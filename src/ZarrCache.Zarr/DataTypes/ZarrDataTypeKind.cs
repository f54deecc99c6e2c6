namespace ZarrCache.Zarr.DataTypes;

#pragma warning disable CA1720 // The members are the Zarr data type names.

/// <summary>The numeric kinds a Zarr array can hold here.</summary>
public enum ZarrDataTypeKind
{
    /// <summary>One byte, 0 or 1.</summary>
    Bool,

    /// <summary>Signed 8-bit integer.</summary>
    Int8,

    /// <summary>Signed 16-bit integer.</summary>
    Int16,

    /// <summary>Signed 32-bit integer.</summary>
    Int32,

    /// <summary>Signed 64-bit integer (also v2 datetime64 and timedelta64).</summary>
    Int64,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8,

    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,

    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,

    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,

    /// <summary>IEEE half precision.</summary>
    Float16,

    /// <summary>IEEE single precision.</summary>
    Float32,

    /// <summary>IEEE double precision.</summary>
    Float64,

    /// <summary>Two single precision floats (real, imaginary).</summary>
    Complex64,

    /// <summary>Two double precision floats (real, imaginary).</summary>
    Complex128,

    /// <summary>
    /// Fixed-length Unicode strings of <see cref="ZarrDataType.Length"/> code points stored as UTF-32 (v2 <c>&lt;U#</c> and
    /// <c>&gt;U#</c>, v3 <c>fixed_length_utf32</c>); trailing NULs are not part of the string.
    /// </summary>
    FixedString,

    /// <summary>
    /// Fixed-length byte strings of <see cref="ZarrDataType.Length"/> bytes (v2 <c>|S#</c>, v3 <c>null_terminated_bytes</c>);
    /// trailing NULs are not part of the value.
    /// </summary>
    FixedBytes,

    /// <summary>Variable-length UTF-8 strings (v2 <c>|O</c> with the <c>vlen-utf8</c> filter, v3 <c>string</c>).</summary>
    String,

    /// <summary>Variable-length byte strings (v2 <c>|O</c> with the <c>vlen-bytes</c> filter, v3 <c>bytes</c>).</summary>
    VariableBytes,
}
#pragma warning restore CA1720
