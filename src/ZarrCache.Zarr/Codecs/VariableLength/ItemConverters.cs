using System.Text;

namespace ZarrCache.Zarr.Codecs.VariableLength;

/// <summary>Items as strings: UTF-8, decoded strictly (bytes that are not UTF-8 are an error, not replaced).</summary>
internal sealed class StringItems : IItemConverter<string?>
{
    public static readonly StringItems Instance = new();

    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string? FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException($"an item of {bytes.Length} bytes is not UTF-8 ({e.Message})", e);
        }
    }

    public string? FromText(string text) => text;

    public byte[] ToBytes(string? item) => item is null ? [] : StrictUtf8.GetBytes(item);
}

/// <summary>Items as byte arrays, taken as stored (strings as their UTF-8).</summary>
internal sealed class ByteStringItems : IItemConverter<byte[]?>
{
    public static readonly ByteStringItems Instance = new();

    public byte[]? FromBytes(ReadOnlySpan<byte> bytes) => bytes.ToArray();

    public byte[]? FromText(string text) => Encoding.UTF8.GetBytes(text);

    public byte[] ToBytes(byte[]? item) => item ?? [];
}
