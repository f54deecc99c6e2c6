namespace ZarrCache.Zarr;

/// <summary>Shared JSON reading for metadata documents, with errors naming the document and field.</summary>
internal static class MetadataReader
{
    /// <summary>The most bytes a metadata document may have (consolidated metadata can be large, but not unbounded).</summary>
    public const int MaxDocumentSize = ZarrArray.MaxMetadataDocumentSize;

    /// <summary>
    /// Reads a metadata document, refusing one over <see cref="MaxDocumentSize"/> before its body is read (the origins
    /// check the size they are told or see first: <see cref="ValueSizeLimit"/>).
    /// </summary>
    public static async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(IReadableStore store, StoreKey key, CancellationToken cancellationToken)
    {
        using var limit = ValueSizeLimit.Enter(MaxDocumentSize);
        return await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads documents that are needed together in one round trip: every request starts at once (as
    /// <see cref="ReadAsync"/>), where one after the other would cost a round trip each. The first is the one that
    /// decides: when it fails, its error is thrown; when it is missing, the others' outcomes are awaited and dropped
    /// (none is left unobserved) and all are returned null; else an error of another is thrown as it would have been.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="keys">The documents' keys, the deciding one first.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The documents in the order of <paramref name="keys"/>, null where one is missing.</returns>
    public static async Task<ReadOnlyMemory<byte>?[]> ReadTogetherAsync(IReadableStore store, StoreKey[] keys, CancellationToken cancellationToken)
    {
        var reads = new Task<ReadOnlyMemory<byte>?>[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            reads[i] = ReadAsync(store, keys[i], cancellationToken).AsTask();
        }

        await ((Task)Task.WhenAll(reads)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var documents = new ReadOnlyMemory<byte>?[keys.Length];
        if (await reads[0].ConfigureAwait(false) is null)
        {
            return documents;
        }

        for (var i = 0; i < keys.Length; i++)
        {
            documents[i] = await reads[i].ConfigureAwait(false);
        }

        return documents;
    }

    public static JsonElement Parse(ReadOnlyMemory<byte> bytes, string key)
    {
        if (bytes.Length > MaxDocumentSize)
        {
            throw new ZarrFormatException($"{key}: metadata document of {bytes.Length} bytes is larger than {MaxDocumentSize}.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            throw new ZarrFormatException($"{key}: metadata is not valid UTF-8.");
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = false });
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ZarrFormatException($"{key}: metadata is not valid JSON: {e.Message}", e);
        }
    }

    public static JsonElement Object(JsonElement element, string where)
    {
        return element.ValueKind == JsonValueKind.Object ? element : throw new ZarrFormatException($"{where}: must be a JSON object.");
    }

    public static JsonElement Required(JsonElement obj, string field, string where)
    {
        return obj.TryGetProperty(field, out var v) ? v : throw new ZarrFormatException($"{where}: field '{field}' is missing.");
    }

    public static JsonElement? Optional(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string RequiredString(JsonElement obj, string field, string where)
    {
        var v = Required(obj, field, where);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new ZarrFormatException($"{where}: field '{field}' must be a string.");
    }

    public static int RequiredInt(JsonElement obj, string field, string where)
    {
        var v = Required(obj, field, where);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : throw new ZarrFormatException($"{where}: field '{field}' must be an integer.");
    }

    public static long[] ReadShape(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new ZarrFormatException($"{where}: must be a list of non-negative integers.");
        }

        var result = new long[element.GetArrayLength()];
        if (result.Length > 32)
        {
            throw new ZarrFormatException($"{where}: {result.Length} dimensions is more than the 32 supported.");
        }

        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var n) || n < 0)
            {
                throw new ZarrFormatException($"{where}: must be a list of non-negative integers, not {element.GetRawText()}.");
            }

            result[i++] = n;
        }

        return result;
    }

    public static int[] ReadChunkShape(JsonElement element, int rank, string where)
    {
        var shape = ReadShape(element, where);
        if (shape.Length != rank)
        {
            throw new ZarrFormatException($"{where}: has {shape.Length} dimensions, the array {rank}.");
        }

        long total = 1;
        foreach (var s in shape)
        {
            if (s is <= 0 or > int.MaxValue)
            {
                throw new ZarrFormatException($"{where}: chunk sizes must be positive 32-bit integers, not {element.GetRawText()}.");
            }

            total *= s;
            if (total > int.MaxValue)
            {
                throw new ZarrFormatException($"{where}: a chunk of {element.GetRawText()} elements is larger than this reader supports.");
            }
        }

        return shape.Select(s => (int)s).ToArray();
    }

    public static IReadOnlyDictionary<string, JsonElement> Attributes(JsonElement? element, string where)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (element is not { } e || e.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ZarrFormatException($"{where}: attributes must be a JSON object.");
        }

        foreach (var p in e.EnumerateObject())
        {
            result[p.Name] = p.Value.Clone();
        }

        return result;
    }
}
