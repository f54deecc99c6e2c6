using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ZarrCache.Gateway.S3;

namespace ZarrCache.Tests.Gateway;

public sealed class ListPageTests
{
    private static async Task<MemoryStore> StoreAsync()
    {
        var store = new MemoryStore();
        foreach (var key in new[] { "a/1", "a/2", "a/b/3", "b/1", "c", "d/x/1", "d/y" })
        {
            await store.SetAsync(key, new byte[key.Length]);
        }

        return store;
    }

    private static ListRequest Request(params (string Name, string Value)[] query)
    {
        var request = ListRequest.Parse(new QueryCollection(query.ToDictionary(p => p.Name, p => new StringValues(p.Value))), out var problem);
        Assert.True(request is not null, problem);
        return request!;
    }

    private static async Task<List<ListPage>> AllPagesAsync(IListableStore store, IReadableStore sizes, params (string Name, string Value)[] query)
    {
        var pages = new List<ListPage>();
        string? token = null;
        do
        {
            var page = await ListPage.ReadAsync(store, sizes, Request([.. query, .. token is null ? Array.Empty<(string, string)>() : [("continuation-token", token)]]), default);
            pages.Add(page);
            token = page.NextContinuationToken;
        }
        while (token is not null);
        return pages;
    }

    [Fact]
    public async Task With_a_delimiter_keys_and_common_prefixes_share_max_keys_and_pages_resume_after_the_last_entry()
    {
        var store = await StoreAsync();

        var pages = await AllPagesAsync(store, store, ("delimiter", "/"), ("max-keys", "2"));

        Assert.Equal(2, pages.Count);
        Assert.Equal(["a/", "b/"], pages[0].CommonPrefixes);
        Assert.Empty(pages[0].Objects);
        Assert.NotNull(pages[0].NextContinuationToken);
        Assert.Equal([("c", 1L)], pages[1].Objects);
        Assert.Equal(["d/"], pages[1].CommonPrefixes);
        Assert.Null(pages[1].NextContinuationToken);
    }

    [Fact]
    public async Task A_prefix_that_is_not_a_folder_filters_keys_and_rolls_up_below_it()
    {
        var store = await StoreAsync();

        var page = Assert.Single(await AllPagesAsync(store, store, ("prefix", "a/"), ("delimiter", "/")));

        Assert.Equal([("a/1", 3L), ("a/2", 3L)], page.Objects);
        Assert.Equal(["a/b/"], page.CommonPrefixes);
    }

    [Fact]
    public async Task Without_a_delimiter_every_key_under_the_prefix_is_listed_in_order_with_its_size()
    {
        var store = await StoreAsync();

        var pages = await AllPagesAsync(store, store, ("prefix", "d"), ("max-keys", "1"));

        Assert.Equal(["d/x/1", "d/y"], pages.SelectMany(p => p.Objects).Select(o => o.Key));
        Assert.Equal([5L, 3L], pages.SelectMany(p => p.Objects).Select(o => o.Size));
    }

    [Theory]
    [InlineData("max-keys", "-1")]
    [InlineData("max-keys", "ten")]
    [InlineData("continuation-token", "%%%")]
    [InlineData("prefix", "a/../b/")]
    public void A_malformed_parameter_is_refused_naming_it(string name, string value)
    {
        Assert.Null(ListRequest.Parse(new QueryCollection(new Dictionary<string, StringValues> { [name] = value }), out var problem));
        Assert.StartsWith(name, problem, StringComparison.Ordinal);
    }
}
