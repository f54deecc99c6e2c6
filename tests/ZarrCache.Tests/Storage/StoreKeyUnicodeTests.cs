using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Storage;

/// <summary>
/// Keys are well-formed Unicode: a lone surrogate (which UTF-8 would turn into U+FFFD, so that three keys became one
/// file or object) is refused, naming the key printably; U+FFFD itself and surrogate pairs are keys and stay distinct.
/// </summary>
public sealed class StoreKeyUnicodeTests : IDisposable
{
    private static readonly string[] LoneSurrogates = ["x\uD800", "x\uDC00", "a/\uDBFF/b", "\uDC00\uD800", "x\uD800y", "\uD83D"];
    private static readonly string[] Distinct = ["x\uFFFD", "x\uD83D\uDE00", "x\uD83D\uDE01", "x?", "x"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Keys_with_a_lone_surrogate_are_refused_and_the_message_names_the_key_printably()
    {
        foreach (var text in LoneSurrogates)
        {
            var e = Assert.Throws<ArgumentException>(() => new StoreKey(text));
            Assert.Contains("surrogate", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(e.Message, char.IsSurrogate);
            Assert.Contains(text.Replace("\uD800", "\\uD800", StringComparison.Ordinal).Replace("\uDC00", "\\uDC00", StringComparison.Ordinal)
                .Replace("\uDBFF", "\\uDBFF", StringComparison.Ordinal).Replace("\uD83D", "\\uD83D", StringComparison.Ordinal), e.Message, StringComparison.Ordinal);
            Assert.False(StoreKey.TryCreate(text, out _));
        }
    }

    [Fact]
    public void Prefixes_with_a_lone_surrogate_are_refused_and_the_message_names_the_prefix_printably()
    {
        foreach (var text in LoneSurrogates)
        {
            var e = Assert.Throws<ArgumentException>(() => new StorePrefix(text + "/"));
            Assert.Contains("surrogate", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(e.Message, char.IsSurrogate);
            Assert.Throws<ArgumentException>(() => StorePrefix.FromPath(text));
        }
    }

    [Fact]
    public void The_replacement_character_and_surrogate_pairs_are_valid_keys_and_prefixes()
    {
        foreach (var text in Distinct)
        {
            Assert.Equal(text, new StoreKey(text).Value);
            Assert.Equal(text + "/", new StorePrefix(text + "/").Value);
        }
    }

    [Fact]
    public async Task The_replacement_character_and_surrogate_pairs_round_trip_distinctly_through_FileSystemStore()
    {
        var store = new FileSystemStore(_dir.Path);
        for (var i = 0; i < Distinct.Length; i++)
        {
            await store.SetAsync(Distinct[i], new[] { (byte)i });
        }

        for (var i = 0; i < Distinct.Length; i++)
        {
            Assert.Equal(new[] { (byte)i }, (await store.GetAsync(Distinct[i]))!.Value.ToArray());
        }

        var listed = new List<string>();
        await foreach (var key in store.ListAsync(StorePrefix.Root))
        {
            listed.Add(key.Value);
        }

        Assert.Equal(Distinct.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_replacement_character_and_surrogate_pairs_round_trip_distinctly_through_DiskCache_and_CachedStore()
    {
        var disk = new DiskCache(Path.Combine(_dir.Path, "cache"), 1 << 20);
        for (var i = 0; i < Distinct.Length; i++)
        {
            await disk.SetAsync(Distinct[i], new[] { (byte)i });
        }

        for (var i = 0; i < Distinct.Length; i++)
        {
            Assert.Equal(new[] { (byte)i }, (await disk.GetAsync(Distinct[i]))!.Value.ToArray());
        }

        var origin = new FileSystemStore(Path.Combine(_dir.Path, "origin"));
        for (var i = 0; i < Distinct.Length; i++)
        {
            await origin.SetAsync(Distinct[i], new[] { (byte)(100 + i) });
        }

        var cached = new CachedStore(origin, new DiskCache(Path.Combine(_dir.Path, "cache2"), 1 << 20));
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < Distinct.Length; i++)
            {
                Assert.Equal(new[] { (byte)(100 + i) }, (await cached.GetAsync(Distinct[i]))!.Value.ToArray());
            }
        }
    }
}
