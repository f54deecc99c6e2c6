using System.Buffers;

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
        catch (Exception e) when (IsCorrupt(e))
        {
            throw Corrupt(codec, key, e);
        }

        if (length > maxSize)
        {
            throw TooLarge(codec, key, maxSize);
        }

        return length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Reads the stream into exactly <paramref name="destination"/>; fewer or more bytes are a format error naming the key.</summary>
    public static void ReadExactly(Stream stream, Span<byte> destination, string codec, string key)
    {
        int n;
        var more = false;
        try
        {
            n = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
            if (n == destination.Length)
            {
                Span<byte> extra = stackalloc byte[1];
                more = stream.Read(extra) != 0;
            }
        }
        catch (Exception e) when (IsCorrupt(e))
        {
            throw Corrupt(codec, key, e);
        }

        if (more)
        {
            throw TooLarge(codec, key, destination.Length);
        }

        if (n != destination.Length)
        {
            throw new ZarrFormatException($"{key}: {codec} data decodes to {n} bytes; the chunk needs {destination.Length}.");
        }
    }

    /// <summary>Reads the stream to its end into arrays rented from the shared pool (growing as needed, never past <paramref name="maxSize"/> + 1).</summary>
    public static PooledBytes ReadAllPooled(Stream stream, int maxSize, string codec, string key)
    {
        maxSize = Math.Max(maxSize, 0);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxSize, 1 << 16) + 1);
        var length = 0;
        var done = false;
        try
        {
            while (true)
            {
                var limit = (int)Math.Min(buffer.Length, (long)maxSize + 1);
                if (length == limit)
                {
                    if (length > maxSize)
                    {
                        throw TooLarge(codec, key, maxSize);
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)maxSize + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    limit = (int)Math.Min(buffer.Length, (long)maxSize + 1);
                }

                var n = stream.Read(buffer, length, limit - length);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }

            if (length > maxSize)
            {
                throw TooLarge(codec, key, maxSize);
            }

            done = true;
            return new PooledBytes(buffer.AsMemory(0, length), buffer);
        }
        catch (Exception e) when (IsCorrupt(e))
        {
            throw Corrupt(codec, key, e);
        }
        finally
        {
            if (!done)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public static ZarrFormatException TooLarge(string codec, string key, long maxSize) =>
        new($"{key}: {codec} data decodes to more than the {maxSize} bytes the chunk can hold.");

    private static bool IsCorrupt(Exception e) =>
        e is InvalidDataException or IOException or InvalidOperationException or ArgumentException
            or ICSharpCode.SharpZipLib.SharpZipBaseException or ZstdSharp.ZstdException or IndexOutOfRangeException;

    private static ZarrFormatException Corrupt(string codec, string key, Exception e) =>
        new($"{key}: {codec} data is corrupt: {e.Message}", e);
}
