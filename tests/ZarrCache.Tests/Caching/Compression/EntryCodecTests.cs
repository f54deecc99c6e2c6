using System.Buffers;
using FsCheck;
using FsCheck.Fluent;

namespace ZarrCache.Tests.Caching.Compression;

public class EntryCodecTests
{
    [Theory]
    [InlineData(CompressionCodec.Lz4, null)]
    [InlineData(CompressionCodec.Lz4, 9)]
    [InlineData(CompressionCodec.Zstd, null)]
    [InlineData(CompressionCodec.Zstd, 19)]
    public void A_compressible_chunk_is_stored_smaller_and_round_trips(CompressionCodec codec, int? level)
    {
        var raw = Compressible(256 * 1024);
        var entryCodec = new EntryCodec(codec, level, 0.1);

        var encoding = entryCodec.TryCompress(raw, out var rented, out var length);
        try
        {
            Assert.NotEqual(EntryEncoding.Raw, encoding);
            Assert.True(length < raw.Length * 0.5, $"{codec} stored {length} of {raw.Length}");
            var back = new byte[raw.Length];
            EntryCodec.Decode(encoding, rented.AsSpan(0, length), back);
            Assert.Equal(raw, back);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented!);
        }
    }

    [Theory]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    public void An_incompressible_chunk_is_stored_raw(CompressionCodec codec)
    {
        var raw = new byte[64 * 1024];
        new Random(42).NextBytes(raw);

        var encoding = new EntryCodec(codec, null, 0.1).TryCompress(raw, out var rented, out var length);

        Assert.Equal(EntryEncoding.Raw, encoding);
        Assert.Null(rented);
        Assert.Equal(raw.Length, length);
    }

    [Fact]
    public void Compression_that_saves_less_than_the_minimum_fraction_is_skipped()
    {
        // Half random, half zeros: LZ4 saves about half, which is less than 60 %.
        var raw = new byte[64 * 1024];
        new Random(1).NextBytes(raw.AsSpan(0, raw.Length / 2));

        Assert.NotEqual(EntryEncoding.Raw, new EntryCodec(CompressionCodec.Lz4, null, 0.1).TryCompress(raw, out var rented, out _));
        ArrayPool<byte>.Shared.Return(rented!);
        Assert.Equal(EntryEncoding.Raw, new EntryCodec(CompressionCodec.Lz4, null, 0.6).TryCompress(raw, out _, out _));
    }

    [Fact]
    public void Tiny_values_are_never_compressed()
    {
        Assert.Equal(EntryEncoding.Raw, new EntryCodec(CompressionCodec.Zstd, null, 0).TryCompress(new byte[EntryCodec.MinLengthToCompress - 1], out _, out _));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public void Framed_values_round_trip_for_any_bytes(byte[] raw, bool zstd, bool repeat)
    {
        var value = repeat ? [.. raw, .. raw, .. raw, .. raw, .. new byte[100]] : raw;
        var codec = new EntryCodec(zstd ? CompressionCodec.Zstd : CompressionCodec.Lz4, null, 0.1);

        var framed = codec.EncodeFramed(value);

        Assert.Equal(value, EntryCodec.DecodeFramed(framed, int.MaxValue).ToArray());
    }

    [Fact]
    public void A_frame_claiming_more_than_the_limit_is_refused_before_allocating()
    {
        var framed = new EntryCodec(CompressionCodec.Lz4, null, 0.1).EncodeFramed(Compressible(10_000));
        framed[1] = 0xFF;
        framed[2] = 0xFF;
        framed[3] = 0xFF;
        framed[4] = 0x7F; // Claims 2 GiB.

        var e = Assert.Throws<InvalidDataException>(() => EntryCodec.DecodeFramed(framed, 1 << 20));
        Assert.Contains("claims", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    public void Corrupt_compressed_bytes_fail_to_decode_instead_of_returning_wrong_bytes(CompressionCodec codec)
    {
        var framed = new EntryCodec(codec, null, 0.1).EncodeFramed(Compressible(10_000));
        var truncated = framed[..(framed.Length / 2)];

        Assert.Throws<InvalidDataException>(() => EntryCodec.DecodeFramed(truncated, 1 << 20));
    }

    [Fact]
    public async Task A_compressed_memory_tier_counts_stored_bytes_and_serves_the_original()
    {
        var raw = Compressible(100_000);
        var inner = new LruMemoryCache(1 << 20);
        var cache = new CompressedMemoryCache(inner, new EntryCodec(CompressionCodec.Lz4, null, 0.1), 1 << 20);

        await cache.SetAsync("a/c/0", raw);

        Assert.True(cache.Size < raw.Length / 4, $"holds {cache.Size} bytes for {raw.Length}");
        Assert.Equal(raw, (await cache.GetAsync("a/c/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_cached_store_config_with_memory_compression_builds_a_compressed_memory_tier()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", Compressible(100_000));
        var store = new CachedStore(origin, new CacheConfig { EnableCompression = true, CompressMemoryTier = true, CompressionCodec = CompressionCodec.Zstd });

        await store.GetAsync("a/c/0");
        var hit = await store.GetAsync("a/c/0");

        Assert.IsType<CompressedMemoryCache>(store.Cache);
        Assert.Equal(Compressible(100_000), hit!.Value.ToArray());
        Assert.True(store.Cache.Size < 25_000, $"holds {store.Cache.Size}");
    }

    private static byte[] Compressible(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i / 64) % 7 + (i % 3));
        }

        return bytes;
    }
}
