namespace ZarrCache.Zarr.Codecs;

/// <summary>Reads a decompressing stream to its end, refusing output beyond a cap before allocating for it.</summary>
internal static class CappedStream
{
    public static byte[] ReadAll(Stream stream, int maxSize, string codec, string key)
    {
        var buffer = new byte[Math.Min(Math.Max(maxSize, 0), 1 << 16) + 1];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxSize)
                    {
                        throw TooLarge(codec, key, maxSize);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxSize + 1));
                }

                var n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or ArgumentException
            or ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdSharp.ZstdException or IndexOutOfRangeException)
        {
            throw new ZarrFormatException($"{key}: {codec} data is corrupt: {e.Message}", e);
        }

        if (length > maxSize)
        {
            throw TooLarge(codec, key, maxSize);
        }

        return length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
    }

    public static ZarrFormatException TooLarge(string codec, string key, long maxSize) =>
        new($"{key}: {codec} data decodes to more than the {maxSize} bytes the chunk can hold.");
}
