namespace ZarrCache.Zarr.Codecs.VariableLength;

/// <summary>
/// The array-to-bytes codec of an array of variable-length elements (numcodecs' <c>vlen-utf8</c>, <c>vlen-bytes</c>,
/// <c>json2</c>): a chunk is a list of items, each converted to the caller's element type by an
/// <see cref="IItemConverter{T}"/>. The byte-level methods of <see cref="IArrayToBytesCodec"/> are never used for such
/// an array (its elements have no fixed size) and refuse.
/// </summary>
internal interface IVariableLengthCodec : IArrayToBytesCodec
{
    /// <summary>Decodes a chunk into exactly <c>items.Length</c> items.</summary>
    /// <exception cref="ZarrFormatException">The frame is corrupt, holds another number of items, or an item does not convert; the message names <paramref name="key"/>.</exception>
    void Decode<T>(ReadOnlySpan<byte> encoded, Span<T> items, IItemConverter<T> converter, string key);

    /// <summary>Encodes a chunk's items.</summary>
    byte[] Encode<T>(ReadOnlySpan<T> items, IItemConverter<T> converter);
}

/// <summary>Converts the items of a variable-length chunk to and from one .NET element type.</summary>
/// <typeparam name="T">string or byte[] (nullable: a null fill value reads as null).</typeparam>
internal interface IItemConverter<T>
{
    /// <summary>An item from its bytes (UTF-8 for strings).</summary>
    /// <exception cref="FormatException">The bytes are not the item's encoding (not UTF-8 for a string).</exception>
    T FromBytes(ReadOnlySpan<byte> bytes);

    /// <summary>An item from text (a JSON string of <c>json2</c>).</summary>
    T FromText(string text);

    /// <summary>An item's bytes for encoding; null writes as empty, as numcodecs writes None.</summary>
    byte[] ToBytes(T item);
}
