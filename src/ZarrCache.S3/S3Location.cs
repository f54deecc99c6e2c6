namespace ZarrCache.S3;

/// <summary>A bucket and a key prefix inside it, parsed from <c>s3://bucket/prefix</c>.</summary>
/// <param name="Bucket">The bucket name.</param>
/// <param name="Prefix">The prefix under which the store's keys live; the root for the whole bucket.</param>
public readonly record struct S3Location(string Bucket, StorePrefix Prefix)
{
    /// <summary>Parses <c>s3://bucket</c> or <c>s3://bucket/some/prefix</c> (percent-escapes are decoded).</summary>
    /// <param name="location">The URL.</param>
    /// <returns>The bucket and prefix.</returns>
    /// <exception cref="ArgumentException">Not an s3:// URL, no bucket, or a malformed bucket name or prefix.</exception>
    public static S3Location Parse(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var text = location.Trim();
        const string scheme = "s3://";
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The location '{location}' is not an s3:// URL.", nameof(location));
        }

        var rest = text[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? string.Empty : Uri.UnescapeDataString(rest[(slash + 1)..]);
        ValidateBucket(bucket, location);
        StorePrefix prefix;
        try
        {
            prefix = StorePrefix.FromPath(path);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The location '{location}' has an invalid prefix: {e.Message}", nameof(location), e);
        }

        return new S3Location(bucket, prefix);
    }

    /// <inheritdoc />
    public override string ToString() => "s3://" + Bucket + "/" + Prefix.Value;

    private static void ValidateBucket(string bucket, string location)
    {
        if (bucket.Length is < 3 or > 63)
        {
            throw new ArgumentException($"The location '{location}' has no valid bucket name: '{bucket}' must have 3 to 63 characters.", nameof(location));
        }

        foreach (var c in bucket)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_'))
            {
                throw new ArgumentException(
                    $"The location '{location}' has no valid bucket name: '{bucket}' may hold only lower-case letters, digits, '-', '.' and '_'.",
                    nameof(location));
            }
        }
    }
}
