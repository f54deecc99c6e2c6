using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Storage;

public class MemoryStoreTests : StoreContract
{
    protected override IStore CreateStore() => new MemoryStore();

    [Fact]
    public async Task Count_tracks_the_keys_held()
    {
        var store = new MemoryStore();
        await store.SetAsync("a", new byte[1]);
        await store.SetAsync("b", new byte[1]);
        await store.DeletePrefixAsync(StorePrefix.Root);
        Assert.Equal(0, store.Count);
    }
}
