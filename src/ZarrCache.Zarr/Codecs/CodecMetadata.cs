namespace ZarrCache.Zarr.Codecs;

/// <summary>Writes a codec's metadata envelope: v3 <c>{"name", "configuration": {…}}</c>, v2 (numcodecs) <c>{"id", …}</c>.</summary>
internal static class CodecMetadata
{
    /// <summary>v3: <c>{"name": NAME, "configuration": {PARAMETER: VALUE}}</c>.</summary>
    public static void WriteV3(Utf8JsonWriter writer, string name, string parameter, int value) =>
        WriteV3(writer, name, w => w.WriteNumber(parameter, value));

    /// <summary>v2 (numcodecs): <c>{"id": ID, PARAMETER: VALUE}</c>.</summary>
    public static void WriteV2(Utf8JsonWriter writer, string id, string parameter, int value) =>
        WriteV2(writer, id, w => w.WriteNumber(parameter, value));

    /// <summary>v3: <c>{"name": NAME, "configuration": {…}}</c>, the configuration's members written by <paramref name="fields"/>.</summary>
    public static void WriteV3(Utf8JsonWriter writer, string name, Action<Utf8JsonWriter> fields)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteStartObject("configuration");
        fields(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>v2 (numcodecs): <c>{"id": ID, …}</c>, the other members written by <paramref name="fields"/>.</summary>
    public static void WriteV2(Utf8JsonWriter writer, string id, Action<Utf8JsonWriter> fields)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        fields(writer);
        writer.WriteEndObject();
    }
}
