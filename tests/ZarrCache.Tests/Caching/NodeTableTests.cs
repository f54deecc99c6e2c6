using ZarrCache;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class NodeTableTests
{
    private static MemoryTierNode Node(string key, int length = 1) => new(key, new byte[length], CacheEntry.NeverExpires);

    /// <summary>Adds or replaces as the cache does: the hash comes from FindForUpdate.</summary>
    private static void Put(NodeTable table, MemoryTierNode node)
    {
        table.FindForUpdate(node.Key.Value, out var hash);
        node.Hash = hash;
        table.Set(node);
    }

    [Fact]
    public void Set_adds_then_replaces_in_place_and_remove_leaves_other_keys_findable()
    {
        var table = new NodeTable();
        var a = Node("a/c/0");
        var b = Node("a/c/1");
        Put(table, a);
        Put(table, b);
        var a2 = Node("a/c/0", 2);
        Put(table, a2);

        Assert.Equal(2, table.Count);
        Assert.Same(a2, table.Find("a/c/0"));
        Assert.True(table.Remove(a2));
        Assert.False(table.Remove(a2));
        Assert.Null(table.Find("a/c/0"));
        Assert.Same(b, table.Find("a/c/1"));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Growth_and_tombstone_purges_keep_every_live_key()
    {
        var table = new NodeTable();
        var live = new Dictionary<string, MemoryTierNode>();
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var key = $"t/c/{random.Next(3_000)}";
            if (random.Next(3) == 0 && live.Remove(key, out var gone))
            {
                Assert.True(table.Remove(gone));
            }
            else
            {
                var node = Node(key);
                Put(table, node);
                live[key] = node;
            }
        }

        Assert.Equal(live.Count, table.Count);
        Assert.Equal(live.Count, table.Snapshot().Count);
        foreach (var (key, node) in live)
        {
            Assert.Same(node, table.Find(key));
        }

        Assert.Null(table.Find("t/c/missing"));
        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.Null(table.Find(live.Keys.First()));
    }

    [Fact]
    public async Task Readers_never_miss_a_held_key_while_a_writer_grows_and_purges_the_table()
    {
        var table = new NodeTable();
        var stable = Enumerable.Range(0, 64).Select(i => Node($"stable/{i}")).ToArray();
        foreach (var node in stable)
        {
            Put(table, node);
        }

        // Phase 0: not started, 1: the writer is churning, 2: it has stopped. A reader's pass over the stable keys
        // counts as overlapping the writer when the writer was churning both when the pass began and when it ended.
        var phase = 0;
        var misses = 0;
        var overlapping = new long[2];
        var readers = Enumerable.Range(0, overlapping.Length).Select(r => Task.Factory.StartNew(
            () =>
            {
                while (Volatile.Read(ref phase) != 2)
                {
                    var before = Volatile.Read(ref phase);
                    foreach (var node in stable)
                    {
                        if (table.Find(node.Key.Value) != node)
                        {
                            Interlocked.Increment(ref misses);
                        }
                    }

                    if (before == 1 && Volatile.Read(ref phase) == 1)
                    {
                        Interlocked.Increment(ref overlapping[r]);
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        // Churn at least 200,000 keys, and on until every reader has made passes during the churn: on a busy machine
        // a reader thread may not run at all while a short churn lasts, and then it would prove nothing.
        var churn = new Queue<MemoryTierNode>();
        var deadline = DateTime.UtcNow + Bounded.Timeout;
        Volatile.Write(ref phase, 1);
        for (var i = 0; i < 200_000 || !EveryReaderOverlapped(); i++)
        {
            var node = Node($"churn/{i}");
            Put(table, node);
            churn.Enqueue(node);
            if (churn.Count > 5_000)
            {
                table.Remove(churn.Dequeue());
            }

            if (i % 10_000 == 0 && DateTime.UtcNow > deadline)
            {
                break;
            }
        }

        Volatile.Write(ref phase, 2);
        await Task.WhenAll(readers).WithTimeout("the readers to stop");
        Assert.All(overlapping, n => Assert.True(n >= 100, $"a reader made only {n} passes over the 64 keys while the writer churned"));
        Assert.Equal(0, misses);
        Assert.Equal(64 + 5_000, table.Count);

        bool EveryReaderOverlapped() => Enumerable.Range(0, overlapping.Length).All(r => Interlocked.Read(ref overlapping[r]) >= 100);
    }
}
