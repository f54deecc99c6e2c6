namespace ZarrCache.Zarr.Codecs;

/// <summary>Reads codec configuration fields with errors that name the codec and the field.</summary>
internal readonly struct CodecConfig
{
    private readonly JsonElement? _config;

    public CodecConfig(string codec, JsonElement? config, string where)
    {
        Codec = codec;
        Where = where;
        if (config is { } c && c.ValueKind != JsonValueKind.Null && c.ValueKind != JsonValueKind.Object)
        {
            throw new ZarrFormatException($"{where}: codec '{codec}' configuration must be an object.");
        }

        _config = config is { ValueKind: JsonValueKind.Object } ? config : null;
    }

    public string Codec { get; }

    public string Where { get; }

    public bool Has(string field) => _config is { } c && c.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Get(string field) =>
        _config is { } c && c.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>As <see cref="GetInt(string, int?)"/>, and an error unless the value is <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int GetInt(string field, int? fallback, int min, int max)
    {
        var value = GetInt(field, fallback);
        return value < min || value > max ? throw Error(field, $"must be {min} to {max}") : value;
    }

    public int GetInt(string field, int? fallback = null)
    {
        if (Get(field) is not { } v)
        {
            return fallback ?? throw Error(field, "is required");
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            return (int)d;
        }

        throw Error(field, $"must be an integer, not {v.GetRawText()}");
    }

    public double GetDouble(string field, double? fallback = null)
    {
        if (Get(field) is not { } v)
        {
            return fallback ?? throw Error(field, "is required");
        }

        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Error(field, $"must be a number, not {v.GetRawText()}");
    }

    public bool GetBool(string field, bool fallback)
    {
        if (Get(field) is not { } v)
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(field, $"must be true or false, not {v.GetRawText()}"),
        };
    }

    public string GetString(string field, string? fallback = null)
    {
        if (Get(field) is not { } v)
        {
            return fallback ?? throw Error(field, "is required");
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(field, $"must be a string, not {v.GetRawText()}");
    }

    public ZarrFormatException Error(string field, string problem) =>
        new($"{Where}: codec '{Codec}' field '{field}' {problem}.");
}
