using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ZarrCache.Gateway.Http;

/// <summary>A value the gateway serves, with its strong ETag.</summary>
/// <param name="Key">The key.</param>
/// <param name="Bytes">The whole value.</param>
/// <param name="ETag">The quoted ETag: the hex MD5 of the bytes, as S3 gives an object stored in one part.</param>
internal sealed record ServedObject(StoreKey Key, ReadOnlyMemory<byte> Bytes, string ETag);

/// <summary>
/// Reads whole values through the gateway's one store and tags them. A value the memory tier hands out again is the same
/// immutable array, so its ETag is remembered beside that array (a weak table: it goes when the array goes) and a warm
/// hit hashes nothing.
/// </summary>
internal sealed class ObjectSource(IReadableStore store)
{
    private readonly ConditionalWeakTable<byte[], TagBox> _tags = new();

    /// <summary>The store every request reads through.</summary>
    public IReadableStore Store { get; } = store;

    /// <summary>Reads a value and its ETag.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The object, or null when the key is missing.</returns>
    public async ValueTask<ServedObject?> GetAsync(StoreKey key, CancellationToken cancellationToken)
    {
        var value = await Store.GetAsync(key, cancellationToken);
        return value is { } bytes ? new ServedObject(key, bytes, ETagOf(bytes)) : null;
    }

    private string ETagOf(ReadOnlyMemory<byte> bytes)
    {
        if (!MemoryMarshal.TryGetArray(bytes, out var segment) || segment.Array is null)
        {
            return Hash(bytes.Span);
        }

        if (_tags.TryGetValue(segment.Array, out var box) && box.Offset == segment.Offset && box.Count == segment.Count)
        {
            return box.ETag;
        }

        var tag = Hash(bytes.Span);
        _tags.AddOrUpdate(segment.Array, new TagBox(segment.Offset, segment.Count, tag));
        return tag;
    }

    private static string Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[16];
#pragma warning disable CA5351 // MD5 is S3's ETag of a one-part object (what clients compare with), not a security measure.
        MD5.HashData(bytes, digest);
#pragma warning restore CA5351
        return "\"" + Convert.ToHexStringLower(digest) + "\"";
    }

    private sealed record TagBox(int Offset, int Count, string ETag);
}
