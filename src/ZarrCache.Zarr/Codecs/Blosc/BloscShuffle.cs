namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>The shuffle a Blosc frame applies before compressing (numcodecs: 0, 1, 2; AUTOSHUFFLE -1 is resolved by the caller).</summary>
public enum BloscShuffle
{
    /// <summary>No shuffle.</summary>
    NoShuffle = 0,

    /// <summary>Byte shuffle: the i-th bytes of all elements are stored together.</summary>
    Shuffle = 1,

    /// <summary>Bit shuffle: the i-th bits of all elements are stored together.</summary>
    BitShuffle = 2,
}
