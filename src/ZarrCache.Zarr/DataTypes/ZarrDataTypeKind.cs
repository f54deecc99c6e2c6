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
}
#pragma warning restore CA1720
