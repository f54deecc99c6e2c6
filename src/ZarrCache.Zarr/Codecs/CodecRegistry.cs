using ZarrCache.Zarr.Codecs.VariableLength;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr.Codecs;

/// <summary>The codecs this library reads and writes, found by v3 name or v2 id: the one answer to which are supported.</summary>
internal sealed class CodecRegistry
{
    private readonly Dictionary<string, CodecRegistration> _v3 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodecRegistration> _v2 = new(StringComparer.Ordinal);

    /// <summary>Lists <paramref name="registrations"/>; two claiming one v3 name or one v2 id are refused.</summary>
    public CodecRegistry(IEnumerable<CodecRegistration> registrations)
    {
        All = [.. registrations];
        foreach (var registration in All)
        {
            foreach (var name in registration.V3Names)
            {
                Claim(_v3, name, "v3 name", registration);
            }

            if (registration.V2Id is { } id)
            {
                Claim(_v2, id, "v2 id", registration);
            }
        }
    }

    /// <summary>Every codec this library supports.</summary>
    public static CodecRegistry Default { get; } = new(
    [
        TransposeCodec.Registration,
        DeltaCodec.Registration,
        FixedScaleOffsetCodec.Registration,
        BitRoundCodec.Registration,
        QuantizeCodec.Registration,
        AsTypeCodec.Registration,
        PackBitsCodec.Registration,
        BytesCodec.Registration,
        VLenCodec.Utf8Registration,
        VLenCodec.BytesRegistration,
        Json2Codec.Registration,
        ShardingCodec.Registration,
        GzipCodec.Registration,
        ZlibCodec.Registration,
        ZstdCodec.Registration,
        Lz4Codec.Registration,
        Bz2Codec.Registration,
        BloscCodec.Registration,
        ShuffleCodec.Registration,
        Crc32cCodec.Registration,
        Adler32Codec.Registration,
        Fletcher32Codec.Registration,
    ]);

    /// <summary>The registrations, in the order given.</summary>
    public IReadOnlyList<CodecRegistration> All { get; }

    /// <summary>Every v3 name, in registration order.</summary>
    public IEnumerable<string> V3Names => All.SelectMany(r => r.V3Names);

    /// <summary>Every v2 id, in registration order.</summary>
    public IEnumerable<string> V2Ids => All.Select(r => r.V2Id).OfType<string>();

    /// <summary>The codec a v3 <c>codecs</c> entry names, or null when none is registered.</summary>
    public CodecRegistration? FindV3(string name) => _v3.GetValueOrDefault(name);

    /// <summary>The codec a v2 <c>id</c> names, or null when none is registered.</summary>
    public CodecRegistration? FindV2(string id) => _v2.GetValueOrDefault(id);

    /// <summary>
    /// Refuses a codec that needs a native library this library does not ship (zfp for <c>zfpy</c>, pcodec for
    /// <c>pcodec</c>; v2 ids and v3 names alike), naming the codec and <paramref name="where"/> (the array).
    /// </summary>
    /// <exception cref="ZarrFormatException"><paramref name="name"/> is such a codec.</exception>
    public static void RefuseNative(string name, string where)
    {
        if (NativeOnly.TryGetValue(name, out var library))
        {
            throw new ZarrFormatException($"{where}: codec '{name}' needs the native library {library}, which ZarrCache does not ship; it cannot be read or written.");
        }
    }

    private static readonly Dictionary<string, string> NativeOnly = new(StringComparer.Ordinal)
    {
        ["zfpy"] = "zfp",
        ["numcodecs.zfpy"] = "zfp",
        ["pcodec"] = "pcodec",
        ["numcodecs.pcodec"] = "pcodec",
    };

    private static void Claim(Dictionary<string, CodecRegistration> names, string name, string what, CodecRegistration registration)
    {
        if (!names.TryAdd(name, registration))
        {
            throw new ArgumentException($"The {what} '{name}' is claimed by both '{names[name]}' and '{registration}'.", nameof(registration));
        }
    }
}
