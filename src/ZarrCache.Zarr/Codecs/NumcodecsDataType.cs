using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>Parses a numcodecs <c>dtype</c>/<c>astype</c> field: a NumPy type string (<c>&lt;i4</c>) or name (<c>int32</c>).</summary>
internal static class NumcodecsDataType
{
    /// <summary>
    /// The <c>dtype</c> (absent, <paramref name="fallback"/>) and the <c>astype</c> (absent, the dtype) of a numcodecs
    /// filter that computes in one type and stores another (delta, quantize, fixedscaleoffset).
    /// </summary>
    public static (ZarrDataType DataType, ZarrDataType StoredType) ParseTypes(CodecConfig config, ZarrDataType fallback)
    {
        var dtype = Parse(config, "dtype", fallback);
        return (dtype, Parse(config, "astype", dtype));
    }

    public static ZarrDataType Parse(CodecConfig config, string field, ZarrDataType? fallback)
    {
        if (!config.Has(field))
        {
            return fallback ?? throw config.Error(field, "is required");
        }

        var text = config.GetString(field);
        try
        {
            return text.Length > 0 && text[0] is '<' or '>' or '|' or '='
                ? ZarrDataType.ParseV2(text, config.Where)
                : ZarrDataType.ParseV3(text, config.Where);
        }
        catch (ZarrFormatException e)
        {
            throw new ZarrFormatException($"{config.Where}: codec '{config.Codec}' field '{field}': {e.Message}", e);
        }
    }
}
