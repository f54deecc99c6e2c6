namespace ZarrCache.Zarr;

/// <summary>
/// A group's members cannot be found: its store cannot list keys (plain HTTP never can) and the hierarchy has no
/// consolidated metadata. Open the arrays by their paths, or consolidate the metadata
/// (<see cref="ZarrGroup.ConsolidateAsync"/>, or zarr-python's <c>zarr.consolidate_metadata</c>) where the store can be written.
/// A <see cref="NotSupportedException"/>: a capability the store lacks, as for the store's own listing; not an origin failure.
/// </summary>
public class ZarrListingException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    public ZarrListingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What could not be listed, and what to do.</param>
    public ZarrListingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What could not be listed, and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ZarrListingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception for a group whose store cannot list.</summary>
    /// <param name="groupPath">The group's path ("" for the root).</param>
    /// <param name="innerException">The cause, if the store said so by throwing.</param>
    /// <returns>The exception.</returns>
    internal static ZarrListingException ForGroup(string groupPath, Exception? innerException) =>
        new(
            $"Cannot list the members of group '{(groupPath.Length == 0 ? "/" : groupPath)}': the store cannot list keys (plain HTTP never can) and the hierarchy has no consolidated metadata "
            + "(.zmetadata or consolidated_metadata in zarr.json); name the array by its path, or consolidate the metadata (ZarrGroup.ConsolidateAsync, zarr.consolidate_metadata).",
            innerException)
        {
            GroupPath = groupPath,
        };

    /// <summary>The group's path, when known.</summary>
    public string? GroupPath { get; private init; }
}
