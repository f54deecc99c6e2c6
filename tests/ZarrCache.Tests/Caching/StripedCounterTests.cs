namespace ZarrCache.Tests.Caching;

public class StripedCounterTests
{
    [Fact]
    public async Task Concurrent_increments_and_adds_all_count()
    {
        var counter = new StripedCounter();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Increment();
                counter.Add(2);
            }
        })));

        Assert.Equal(4 * 10_000 * 3, counter.Sum());
        counter.Reset();
        Assert.Equal(0, counter.Sum());
    }
}
