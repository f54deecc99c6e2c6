namespace ZarrCache.Zarr.Codecs;

/// <summary>A codec step: its name and configuration as metadata holds them.</summary>
internal interface IZarrCodec
{
    /// <summary>The v3 name (numcodecs ones as <c>numcodecs.x</c>) or v2 id.</summary>
    string Name { get; }

    /// <summary>Writes the v3 codec object ({"name", "configuration"}).</summary>
    void WriteV3(Utf8JsonWriter writer);

    /// <summary>Writes the v2 (numcodecs) object ({"id", …}); throws when the codec has no v2 form.</summary>
    void WriteV2(Utf8JsonWriter writer);
}
