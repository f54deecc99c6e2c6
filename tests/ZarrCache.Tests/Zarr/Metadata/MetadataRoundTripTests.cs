using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Metadata;

/// <summary>
/// Opening a v2 node asks for the documents it always reads together in one round trip (over an object store each
/// round trip is a latency), and asks for no more documents than before.
/// </summary>
public sealed class MetadataRoundTripTests
{
    [Fact]
    public async Task Opening_a_v2_array_asks_for_its_zarray_and_zattrs_together_and_for_four_documents_in_all()
    {
        var store = new MemoryStore();
        await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [4], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16,
            Attributes = new Dictionary<string, JsonElement> { ["units"] = JsonSerializer.SerializeToElement("K") },
        });
        var rendezvous = new RendezvousStore(store, "a/.zarray", "a/.zattrs");
        var log = new RequestLogStore(rendezvous);

        var array = await ZarrArray.OpenAsync(log, "a");

        Assert.True(rendezvous.Overlapped, "a/.zattrs was asked for only after a/.zarray had been answered");
        Assert.Equal(4, log.Gets); // .zmetadata, zarr.json (both missing), .zarray, .zattrs
        Assert.Equal([4L], array.Shape);
        Assert.Equal("K", array.Attributes["units"].GetString());
    }

    [Fact]
    public async Task Opening_a_v2_group_below_the_root_asks_for_its_zgroup_zattrs_and_own_zmetadata_together()
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "", 2);
        await ZarrGroup.CreateAsync(store, "g", 2, new Dictionary<string, JsonElement> { ["title"] = JsonSerializer.SerializeToElement("t") });
        var rendezvous = new RendezvousStore(store, "g/.zgroup", "g/.zattrs", "g/.zmetadata");
        var log = new RequestLogStore(rendezvous);

        var group = await ZarrGroup.OpenAsync(log, "g");

        Assert.True(rendezvous.Overlapped, "g/.zattrs or g/.zmetadata was asked for only after g/.zgroup had been answered");
        Assert.Equal(5, log.Gets); // .zmetadata at the root, g/zarr.json, g/.zgroup, g/.zattrs, g/.zmetadata
        Assert.Equal(2, group.ZarrFormat);
        Assert.Equal("t", group.Attributes["title"].GetString());
    }

    [Fact]
    public async Task Opening_a_missing_v2_array_names_its_zarray_even_when_the_zattrs_read_asked_with_it_fails()
    {
        var store = new FailingKeyStore(new MemoryStore(), "a/.zattrs");

        var error = await Assert.ThrowsAsync<ZarrNodeNotFoundException>(() => ZarrArray.OpenAsync(store, "a"));

        Assert.Contains("a/.zarray", error.Message, StringComparison.Ordinal);
        Assert.True(store.Failed, "a/.zattrs was not asked for with a/.zarray");
    }

    [Fact]
    public async Task Opening_a_v2_array_whose_zattrs_read_fails_reports_that_failure()
    {
        var inner = new MemoryStore();
        await ZarrArray.CreateAsync(inner, "a", new ZarrArrayOptions { ZarrFormat = 2, Shape = [4], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16 });
        var store = new FailingKeyStore(inner, "a/.zattrs");

        var error = await Assert.ThrowsAsync<IOException>(() => ZarrArray.OpenAsync(store, "a"));

        Assert.Contains("a/.zattrs", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A store whose GET of one key throws an <see cref="IOException"/> naming it.</summary>
    private sealed class FailingKeyStore(IReadableStore inner, StoreKey failing) : DelegatingStore<IReadableStore>(inner)
    {
        public bool Failed { get; private set; }

        public override async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (key == failing)
            {
                Failed = true;
                throw new IOException($"{key}: the read failed");
            }

            return await Inner.GetAsync(key, cancellationToken);
        }
    }
}
