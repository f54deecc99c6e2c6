using ZarrCache.Gateway.Diagnostics;

namespace ZarrCache.Tests.Gateway;

public sealed class GatewayMetricsTests
{
    [Fact]
    public void The_busiest_keys_are_the_most_read_first_then_by_key()
    {
        var metrics = new GatewayMetrics();
        foreach (var (key, reads) in new[] { ("a/0", 3), ("b/0", 5), ("c/0", 3), ("d/0", 1) })
        {
            for (var i = 0; i < reads; i++)
            {
                metrics.KeyRead(key);
            }
        }

        Assert.Equal([("b/0", 5L), ("a/0", 3L), ("c/0", 3L)], metrics.BusiestKeys(3));
    }

    [Fact]
    public void Keys_beyond_the_tracked_count_are_not_counted_but_tracked_ones_still_are()
    {
        var metrics = new GatewayMetrics();
        for (var i = 0; i < GatewayMetrics.TrackedKeys; i++)
        {
            metrics.KeyRead($"k/{i}");
        }

        metrics.KeyRead("late/0");
        metrics.KeyRead("k/7");

        var all = metrics.BusiestKeys(GatewayMetrics.TrackedKeys + 1);
        Assert.Equal(GatewayMetrics.TrackedKeys, all.Count);
        Assert.DoesNotContain(all, k => k.Key == "late/0");
        Assert.Equal(("k/7", 2L), all[0]);
    }

    [Fact]
    public void Requests_and_bytes_served_add_up()
    {
        var metrics = new GatewayMetrics();
        metrics.Request("http", 200, 0.001);
        metrics.Request("s3", 404, 0.002);
        metrics.BytesServed(10);
        metrics.BytesServed(5);

        Assert.Equal(2, metrics.TotalRequests);
        Assert.Equal(15, metrics.TotalBytes);
    }
}
