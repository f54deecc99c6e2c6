namespace ZarrCache;

/// <summary>
/// A range of bytes of one stored value: from an offset (to the end, or for a length), or the last N bytes (a suffix).
/// </summary>
/// <remarks>
/// Ranges are resolved against the value's length as HTTP resolves a <c>Range</c> header: a range that runs past the
/// end is clamped to the end, a suffix longer than the value is the whole value. A range that starts at or after the
/// end resolves to zero bytes (where HTTP would answer 416, a store answers an empty value).
/// </remarks>
public readonly struct ByteRange : IEquatable<ByteRange>
{
    private ByteRange(long offset, long length, bool isSuffix)
    {
        Offset = offset;
        Length = length;
        IsSuffix = isSuffix;
    }

    /// <summary>The start for an offset range; 0 for a suffix range.</summary>
    public long Offset { get; }

    /// <summary>The length; -1 for an offset range that runs to the end; for a suffix, the number of final bytes.</summary>
    public long Length { get; }

    /// <summary>Whether this range is the last <see cref="Length"/> bytes.</summary>
    public bool IsSuffix { get; }

    /// <summary>Whether this offset range runs to the end of the value.</summary>
    public bool IsToEnd => !IsSuffix && Length < 0;

    /// <summary>The range <c>offset..</c> (to the end), or <c>offset..offset+length</c>.</summary>
    /// <param name="offset">The first byte; not negative.</param>
    /// <param name="length">The number of bytes, not negative; null for "to the end".</param>
    /// <returns>The range.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset or length.</exception>
    public static ByteRange FromOffset(long offset, long? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(l, nameof(length));
            if (offset > long.MaxValue - l)
            {
                throw new ArgumentOutOfRangeException(nameof(length), l, "offset + length overflows.");
            }
        }

        return new ByteRange(offset, length ?? -1, isSuffix: false);
    }

    /// <summary>The last <paramref name="length"/> bytes of the value.</summary>
    /// <param name="length">The number of final bytes; not negative.</param>
    /// <returns>The range.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative length.</exception>
    public static ByteRange Suffix(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ByteRange(0, length, isSuffix: true);
    }

    /// <summary>Resolves the range against a value of <paramref name="size"/> bytes, clamping as HTTP does.</summary>
    /// <param name="size">The value's length.</param>
    /// <returns>The absolute start and the length (possibly 0).</returns>
    public (long Start, long Length) Resolve(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (IsSuffix)
        {
            var n = Math.Min(Length, size);
            return (size - n, n);
        }

        if (Offset >= size)
        {
            return (size, 0);
        }

        var available = size - Offset;
        return (Offset, Length < 0 ? available : Math.Min(Length, available));
    }

    /// <summary>Slices a whole value to this range.</summary>
    /// <param name="value">The whole value.</param>
    /// <returns>The bytes of the range; a slice, not a copy.</returns>
    public ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> value)
    {
        var (start, length) = Resolve(value.Length);
        return value.Slice((int)start, (int)length);
    }

    /// <summary>The range as the value of an HTTP <c>Range</c> header, such as <c>bytes=0-99</c> or <c>bytes=-50</c>.</summary>
    /// <returns>The header value.</returns>
    public string ToHttpHeaderValue()
    {
        if (IsSuffix)
        {
            return FormattableString.Invariant($"bytes=-{Length}");
        }

        return Length < 0
            ? FormattableString.Invariant($"bytes={Offset}-")
            : FormattableString.Invariant($"bytes={Offset}-{Offset + Length - 1}");
    }

    /// <inheritdoc />
    public bool Equals(ByteRange other) => Offset == other.Offset && Length == other.Length && IsSuffix == other.IsSuffix;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ByteRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Offset, Length, IsSuffix);

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsSuffix)
        {
            return FormattableString.Invariant($"last {Length} bytes");
        }

        return Length < 0
            ? FormattableString.Invariant($"{Offset}..")
            : FormattableString.Invariant($"{Offset}..{Offset + Length}");
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(ByteRange left, ByteRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ByteRange left, ByteRange right) => !left.Equals(right);
}
