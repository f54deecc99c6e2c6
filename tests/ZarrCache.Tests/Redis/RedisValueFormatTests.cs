using System.Security.Cryptography;
using ZarrCache.Redis;

namespace ZarrCache.Tests.Redis;

public sealed class RedisValueFormatTests
{
    [Fact]
    public void A_value_reads_back_with_its_expiry_and_etag()
    {
        var payload = RandomNumberGenerator.GetBytes(1000);
        var stored = RedisValueFormat.Encode(payload, 123_456_789, "\"etag-1\"");

        Assert.Equal(RedisValueFormat.Verdict.Valid, RedisValueFormat.TryDecode(stored, out var entry));
        Assert.Equal(payload, entry.Value.ToArray());
        Assert.Equal(123_456_789, entry.ExpiresAtUtcTicks);
        Assert.Equal("\"etag-1\"", entry.ETag);
        Assert.Equal(AccessTier.Remote, entry.Tier); // an access trace names the Redis tier as remote
    }

    [Fact]
    public void An_empty_value_without_etag_reads_back()
    {
        var stored = RedisValueFormat.Encode([], CacheEntry.NeverExpires, null);

        Assert.Equal(RedisValueFormat.Verdict.Valid, RedisValueFormat.TryDecode(stored, out var entry));
        Assert.True(entry.Value.IsEmpty);
        Assert.Null(entry.ETag);
        Assert.Null(entry.ExpiresAt);
    }

    [Fact]
    public void Any_flipped_bit_is_found()
    {
        var stored = RedisValueFormat.Encode(RandomNumberGenerator.GetBytes(64), 42, "e");
        for (var bit = 0; bit < stored.Length * 8; bit++)
        {
            var copy = stored.ToArray();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(RedisValueFormat.Verdict.Valid, RedisValueFormat.TryDecode(copy, out _));
        }
    }

    [Fact]
    public void Every_truncation_and_an_extension_are_found()
    {
        var stored = RedisValueFormat.Encode(RandomNumberGenerator.GetBytes(64), 42, "e");
        for (var length = 0; length < stored.Length; length++)
        {
            Assert.NotEqual(RedisValueFormat.Verdict.Valid, RedisValueFormat.TryDecode(stored.AsMemory(0, length), out _));
        }

        Assert.Equal(RedisValueFormat.Verdict.Truncated, RedisValueFormat.TryDecode(stored.Concat(new byte[] { 0 }).ToArray(), out _));
    }

    [Fact]
    public void A_value_written_by_something_else_is_foreign()
    {
        Assert.Equal(RedisValueFormat.Verdict.Foreign, RedisValueFormat.TryDecode("{\"zarr_format\":2}"u8.ToArray(), out _));
    }

    [Fact]
    public void Bad_settings_name_the_field()
    {
        var e = Assert.Throws<CacheConfigException>(() => new RedisTierOptions { MaxValueSize = 0 }.Validate());
        Assert.Equal("SharedTier.MaxValueSize", e.FieldName);
        Assert.Throws<CacheConfigException>(() => new CacheConfig { SharedTier = new RedisTierOptions { LeaseWait = TimeSpan.Zero } }.Validate());
    }
}
