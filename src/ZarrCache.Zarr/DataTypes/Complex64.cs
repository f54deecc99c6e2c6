using System.Runtime.InteropServices;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>A complex number of two single precision floats, laid out as Zarr's <c>complex64</c> (real, then imaginary).</summary>
/// <param name="Real">The real part.</param>
/// <param name="Imaginary">The imaginary part.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Complex64(float Real, float Imaginary);
