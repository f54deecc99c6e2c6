namespace ZarrCache.Tests.Caching;

/// <summary>A failed origin read must not reach a caller that asks again right after the failure.</summary>
public class CachedStoreFailedReadTests
{
    private sealed class FailFirstStore : IReadableStore
    {
        private readonly HashSet<string> _failed = [];

        public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            lock (_failed)
            {
                if (_failed.Add(key.Value))
                {
                    throw new StoreException(key, "first read fails");
                }
            }

            return new byte[] { 1, 2, 3 };
        }

        public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public async Task Read_right_after_a_failed_read_goes_to_the_origin_again()
    {
        var cached = new CachedStore(new FailFirstStore(), new LruMemoryCache(1 << 20));
        for (var i = 0; i < 3000; i++)
        {
            StoreKey key = "k" + i;
            await Assert.ThrowsAsync<StoreException>(async () => await cached.GetAsync(key));
            Assert.Equal(new byte[] { 1, 2, 3 }, (await cached.GetAsync(key))!.Value.ToArray());
        }
    }
}
