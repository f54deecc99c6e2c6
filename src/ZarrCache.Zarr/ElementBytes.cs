using System.Buffers;
using System.Runtime.InteropServices;

namespace ZarrCache.Zarr;

/// <summary>The bytes of typed elements as <see cref="Memory{T}"/> of bytes, so a read decodes straight into the elements the caller gets.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ElementBytes<T>(Memory<T> elements) : MemoryManager<byte>
    where T : unmanaged
{
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(elements.Span);

    /// <summary>Not needed: the reads only take spans.</summary>
    public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException("The bytes of a typed result are not pinned.");

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
