namespace ZarrCache;

/// <summary>A direct child of a prefix, as listed by <see cref="IListableStore.ListDirAsync"/>.</summary>
/// <param name="Path">The full key (for a value) or the full prefix ending in <c>/</c> (for a sub-prefix).</param>
/// <param name="IsPrefix">Whether the child is a sub-prefix rather than a key.</param>
public readonly record struct StoreEntry(string Path, bool IsPrefix)
{
    /// <summary>The child's own name, without its parent prefix or trailing <c>/</c>.</summary>
    public string Name
    {
        get
        {
            var trimmed = Path.TrimEnd('/');
            var slash = trimmed.LastIndexOf('/');
            return slash < 0 ? trimmed : trimmed[(slash + 1)..];
        }
    }
}
