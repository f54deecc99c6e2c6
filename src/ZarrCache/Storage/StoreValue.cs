namespace ZarrCache;

/// <summary>A whole value together with the version tag the origin gave it.</summary>
/// <param name="Bytes">The value.</param>
/// <param name="ETag">The origin's entity tag (quoted as the origin sent it), or <see langword="null"/> when it sent none.</param>
public readonly record struct StoreValue(ReadOnlyMemory<byte> Bytes, string? ETag);
