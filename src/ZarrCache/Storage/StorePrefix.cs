namespace ZarrCache;

/// <summary>
/// A validated prefix of store keys: empty (the root) or a key path ending in <c>/</c>, such as <c>group/array/</c>.
/// </summary>
public readonly struct StorePrefix : IEquatable<StorePrefix>
{
    private readonly string? _value;

    /// <summary>Creates a prefix, validating it.</summary>
    /// <param name="value">Empty for the root, or segments that end in <c>/</c>.</param>
    /// <exception cref="ArgumentException">The prefix is malformed; the message quotes it.</exception>
    public StorePrefix(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0)
        {
            string? problem = null;
            if (!value.EndsWith('/'))
            {
                problem = "a non-empty prefix must end with '/'";
            }
            else if (value.Length == 1 || value[0] == '/')
            {
                problem = "a prefix must not start with '/'";
            }
            else if (value.Contains('\\', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                problem = "a prefix must not contain '\\' or NUL";
            }
            else if (StoreKey.LoneSurrogate(value) is { } unicode)
            {
                problem = unicode.Replace("a key", "a prefix", StringComparison.Ordinal);
            }
            else
            {
                problem = StoreKey.ValidateSegments(value.AsSpan(0, value.Length - 1), allowTrailingSlash: false);
            }

            if (problem is not null)
            {
                throw new ArgumentException($"Invalid store prefix '{StoreKey.Printable(value)}': {problem}.", nameof(value));
            }
        }

        _value = value;
    }

    /// <summary>The root prefix (every key is under it).</summary>
    public static StorePrefix Root => default;

    /// <summary>The prefix text: empty or ending in <c>/</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is the root prefix.</summary>
    public bool IsRoot => Value.Length == 0;

    /// <summary>Converts a string to a prefix, validating it.</summary>
    /// <param name="value">The prefix text.</param>
    public static implicit operator StorePrefix(string value) => new(value);

    /// <summary>Creates a prefix, validating it; the named alternative of the implicit conversion.</summary>
    /// <param name="value">The prefix text.</param>
    /// <returns>The prefix.</returns>
    public static StorePrefix FromString(string value) => new(value);

    /// <summary>Creates a prefix from a path with or without its trailing <c>/</c> (empty means the root).</summary>
    /// <param name="path">A path such as <c>group/array</c>.</param>
    /// <returns>The prefix.</returns>
    public static StorePrefix FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? Root : new StorePrefix(trimmed + "/");
    }

    /// <inheritdoc />
    public bool Equals(StorePrefix other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StorePrefix other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equality.</summary>
    public static bool operator ==(StorePrefix left, StorePrefix right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(StorePrefix left, StorePrefix right) => !left.Equals(right);
}
