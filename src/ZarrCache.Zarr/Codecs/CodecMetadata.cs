using System.Text.Json;

namespace ZarrCache.Zarr.Codecs;

/// <summary>Writes the metadata of codecs whose configuration is one number (gzip, zlib, bz2 levels; lz4 acceleration).</summary>
internal static class CodecMetadata
{
    /// <summary>v3: <c>{"name": NAME, "configuration": {PARAMETER: VALUE}}</c>.</summary>
    public static void WriteV3(Utf8JsonWriter writer, string name, string parameter, int value)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteStartObject("configuration");
        writer.WriteNumber(parameter, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>v2 (numcodecs): <c>{"id": ID, PARAMETER: VALUE}</c>.</summary>
    public static void WriteV2(Utf8JsonWriter writer, string id, string parameter, int value)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteNumber(parameter, value);
        writer.WriteEndObject();
    }
}
