namespace ZarrCache;

/// <summary>A store that values can be written to and deleted from.</summary>
public interface IWritableStore
{
    /// <summary>Writes a whole value, replacing any old one. A reader never sees a partly written value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the value is stored.</returns>
    ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Deletes a value; deleting a missing key is not an error.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone.</returns>
    ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every key under a prefix.</summary>
    /// <param name="prefix">The prefix; the root deletes everything.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the keys are gone.</returns>
    ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default);
}
