namespace ZarrCache.Zarr;

/// <summary>A member of a group.</summary>
/// <param name="Name">The member's name in the group.</param>
/// <param name="Path">The member's path in the store.</param>
/// <param name="IsArray">An array (true) or a group (false).</param>
public sealed record ZarrNodeInfo(string Name, string Path, bool IsArray);
