using System.Runtime.InteropServices;

namespace ZarrCache.Zarr.Codecs;

/// <summary>Reads an encoded chunk as a stream without copying it when it is backed by an array (as cached values are).</summary>
internal static class EncodedStream
{
    public static MemoryStream Open(ReadOnlyMemory<byte> encoded) =>
        MemoryMarshal.TryGetArray(encoded, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(encoded.ToArray(), writable: false);
}
