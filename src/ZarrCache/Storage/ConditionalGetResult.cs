namespace ZarrCache;

/// <summary>
/// The answer to a conditional read (<see cref="IVersionedStore.GetIfNoneMatchAsync"/>): the value changed (and here it
/// is), it is unchanged ("not modified"), or it is missing.
/// </summary>
public readonly record struct ConditionalGetResult
{
    private ConditionalGetResult(bool notModified, StoreValue? value)
    {
        IsNotModified = notModified;
        Value = value;
    }

    /// <summary>The value still has the ETag the caller holds; no bytes were sent.</summary>
    public static ConditionalGetResult NotModified { get; } = new(true, null);

    /// <summary>The key is missing at the origin.</summary>
    public static ConditionalGetResult Missing { get; } = new(false, null);

    /// <summary>Whether the caller's copy is still current.</summary>
    public bool IsNotModified { get; }

    /// <summary>Whether the key is missing at the origin.</summary>
    public bool IsMissing => !IsNotModified && Value is null;

    /// <summary>The new value and its ETag, when it changed.</summary>
    public StoreValue? Value { get; }

    /// <summary>The value changed: its new bytes and ETag.</summary>
    /// <param name="value">The new value.</param>
    /// <returns>The result.</returns>
    public static ConditionalGetResult Modified(StoreValue value) => new(false, value);
}
