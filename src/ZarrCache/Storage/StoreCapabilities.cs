namespace ZarrCache;

/// <summary>Checks what a store can do, with clear errors for code that needs more than reading.</summary>
public static class StoreCapabilities
{
    /// <summary>The store as an <see cref="IListableStore"/>, or a clear exception when it cannot list.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The same store, as a listable store.</returns>
    /// <exception cref="NotSupportedException">The store cannot list keys (plain HTTP never can).</exception>
    public static IListableStore RequireListable(IReadableStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as IListableStore ?? throw new NotSupportedException(
            $"Listing is not possible: {store.GetType().Name} cannot list keys (plain HTTP never can); read from metadata (such as consolidated .zmetadata) or known keys instead.");
    }
}
