namespace ZarrCache;

/// <summary>
/// A validated key of a store, such as <c>temperature/c/0/1</c> or <c>temperature/.zarray</c>.
/// </summary>
/// <remarks>
/// A key is a <c>/</c>-separated path of non-empty segments. It never starts with <c>/</c>, has no empty,
/// <c>.</c> or <c>..</c> segment and holds no <c>\</c> or NUL character, so a key can never name anything outside
/// the store that holds it. A key is well-formed Unicode: a lone surrogate (half of a UTF-16 pair) is refused, because
/// UTF-8 (file names, S3 object names, the disk cache) would turn it into U+FFFD and so make <c>"x\uD800"</c>,
/// <c>"x\uDC00"</c> and <c>"x\uFFFD"</c> one object. Keys compare ordinally.
/// </remarks>
public readonly struct StoreKey : IEquatable<StoreKey>, IComparable<StoreKey>
{
    private readonly string? _value;

    /// <summary>Creates a key, validating it.</summary>
    /// <param name="value">The key text.</param>
    /// <exception cref="ArgumentException">The key is empty or has a forbidden segment or character; the message quotes it.</exception>
    public StoreKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problem = Validate(value);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid store key '{Printable(value)}': {problem}.", nameof(value));
        }

        _value = value;
    }

    private StoreKey(string value, bool trusted)
    {
        _ = trusted;
        _value = value;
    }

    /// <summary>The key text.</summary>
    public string Value
    {
        // Inlined at every use (a memory-tier hit reads it twice); the throw lives in a helper so it does not block that.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _value ?? ThrowNoValue();
    }

    private static string ThrowNoValue() => throw new InvalidOperationException("The default StoreKey has no value.");

    /// <summary>The last segment of the key (the file name of a file-system store).</summary>
    public string Name
    {
        get
        {
            var value = Value;
            var slash = value.LastIndexOf('/');
            return slash < 0 ? value : value[(slash + 1)..];
        }
    }

    /// <summary>Converts a string to a key, validating it.</summary>
    /// <param name="value">The key text.</param>
    public static implicit operator StoreKey(string value) => new(value);

    /// <summary>Creates a key, validating it; the named alternative of the implicit conversion.</summary>
    /// <param name="value">The key text.</param>
    /// <returns>The key.</returns>
    public static StoreKey FromString(string value) => new(value);

    /// <summary>Tries to create a key without throwing.</summary>
    /// <param name="value">The key text.</param>
    /// <param name="key">The key when <paramref name="value"/> is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid key.</returns>
    public static bool TryCreate(string? value, out StoreKey key)
    {
        if (value is null || Validate(value) is not null)
        {
            key = default;
            return false;
        }

        key = new StoreKey(value, trusted: true);
        return true;
    }

    /// <summary>
    /// Creates a key from text that cannot come from a user, such as a derived cache key that uses a NUL
    /// separator so that it can never collide with a real key. Internal: never reaches a store.
    /// </summary>
    internal static StoreKey CreateDerived(string value) => new(value, trusted: true);

    /// <summary>
    /// The cache key of something that belongs to <paramref name="key"/> (one of its byte ranges, its "missing" mark):
    /// the key, a NUL (which no real key has, so it never collides with one), then <paramref name="part"/>. Under the
    /// key's prefix, so a prefix removal drops it. Internal: never reaches a store.
    /// </summary>
    internal static StoreKey Derive(StoreKey key, string part) => new(string.Concat(key.Value, "\0", part), trusted: true);

    /// <summary>The text of the key a stored key was derived from by <see cref="Derive"/> (the text itself when it was not).</summary>
    internal static string BaseOf(string stored)
    {
        var nul = stored.IndexOf('\0', StringComparison.Ordinal);
        return nul < 0 ? stored : stored[..nul];
    }

    /// <summary>Joins a prefix and a relative key.</summary>
    /// <param name="prefix">A prefix such as <c>group/array/</c>, or empty.</param>
    /// <param name="relative">The rest of the key.</param>
    /// <returns>The validated key.</returns>
    public static StoreKey Join(StorePrefix prefix, string relative) => new(prefix.Value + relative);

    /// <summary>Whether this key lies under <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns><see langword="true"/> when the key starts with the prefix.</returns>
    public bool IsUnder(StorePrefix prefix) => Value.StartsWith(prefix.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public bool Equals(StoreKey other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StoreKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : _value.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public int CompareTo(StoreKey other) => string.CompareOrdinal(_value, other._value);

    /// <inheritdoc />
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Equality.</summary>
    public static bool operator ==(StoreKey left, StoreKey right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(StoreKey left, StoreKey right) => !left.Equals(right);

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <(StoreKey left, StoreKey right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator <=(StoreKey left, StoreKey right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >(StoreKey left, StoreKey right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering.</summary>
    public static bool operator >=(StoreKey left, StoreKey right) => left.CompareTo(right) >= 0;

    /// <summary>Returns why <paramref name="value"/> is not a valid key, or null when it is.</summary>
    internal static string? Validate(string value)
    {
        if (value.Length == 0)
        {
            return "a key must not be empty";
        }

        if (value[0] == '/')
        {
            return "a key must not start with '/'";
        }

        if (value.Contains('\\', StringComparison.Ordinal))
        {
            return "a key must not contain '\\'";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "a key must not contain a NUL character";
        }

        if (LoneSurrogate(value) is { } problem)
        {
            return problem;
        }

        return ValidateSegments(value.AsSpan(), allowTrailingSlash: false);
    }

    internal static string? ValidateSegments(ReadOnlySpan<char> value, bool allowTrailingSlash)
    {
        var rest = value;
        while (true)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Length == 0)
            {
                if (allowTrailingSlash && slash < 0)
                {
                    return null;
                }

                return "a key must not have an empty segment";
            }

            if (segment is "." or "..")
            {
                return "a key must not have a '.' or '..' segment";
            }

            if (slash < 0)
            {
                return null;
            }

            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>Why <paramref name="value"/> is not well-formed UTF-16 (a lone surrogate, named), or null when it is.</summary>
    internal static string? LoneSurrogate(string value)
    {
        var at = IndexOfLoneSurrogate(value);
        return at < 0 ? null : LoneSurrogateMessage(value[at], at);
    }

    /// <summary>The position of the first lone surrogate, or -1.</summary>
    private static int IndexOfLoneSurrogate(ReadOnlySpan<char> span)
    {
        // A plain loop: keys are short, and it allocates nothing (a memory-tier hit converts a string key each time).
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string LoneSurrogateMessage(char c, int at) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a key must be well-formed Unicode, but it has a lone surrogate \\u{(int)c:X4} at position {at}");

    /// <summary>
    /// The text with what cannot be shown escaped: NUL as <c>\0</c>, other control characters and lone surrogates as
    /// <c>\uXXXX</c>.
    /// </summary>
    internal static string Printable(string value)
    {
        var span = value.AsSpan();
        var clean = true;
        for (var i = 0; i < span.Length && clean; i++)
        {
            clean = !char.IsControl(span[i]) && !char.IsSurrogate(span[i]);
        }

        if (clean)
        {
            return value;
        }

        var text = new System.Text.StringBuilder(value.Length + 8);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                text.Append(c).Append(span[++i]);
            }
            else if (c == '\0')
            {
                text.Append("\\0");
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
