namespace ZarrCache.Tests.Storage.Remote;

public class BodyReaderTests
{
    private sealed class HugeClaimStream(int real) : Stream
    {
        private int _left = real;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, _left);
            _left -= n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(3_000_000)]
    public async Task Whole_body_of_the_announced_length_is_returned(int length)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(data, await BodyReader.ReadAsync(new MemoryStream(data), "k", length, int.MaxValue, default));
        Assert.Equal(data, await BodyReader.ReadAsync(new MemoryStream(data), "k", null, int.MaxValue, default));
    }

    [Theory]
    [InlineData(10, 9)]
    [InlineData(3_000_000, 2_999_999)]
    public async Task Short_body_is_a_transient_failure_never_a_value(int announced, int real)
    {
        var e = await Assert.ThrowsAsync<TransientOriginException>(
            async () => await BodyReader.ReadAsync(new MemoryStream(new byte[real]), "k", announced, int.MaxValue, default));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_longer_than_announced_is_refused()
    {
        await Assert.ThrowsAsync<StoreException>(async () => await BodyReader.ReadAsync(new MemoryStream(new byte[11]), "k", 10, int.MaxValue, default));
    }

    [Fact]
    public async Task Announced_length_over_the_limit_is_refused_before_reading()
    {
        var e = await Assert.ThrowsAsync<StoreException>(async () => await BodyReader.ReadAsync(new MemoryStream(new byte[5]), "k", 4L << 30, 1 << 20, default));
        Assert.Contains("4294967296", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_claim_for_a_small_body_is_truncation_not_an_allocation()
    {
        // 1 GiB announced, 100 bytes sent: reading must fail as truncated without ever holding the claimed size.
        var before = GC.GetAllocatedBytesForCurrentThread();
        await Assert.ThrowsAsync<TransientOriginException>(async () => await BodyReader.ReadAsync(new HugeClaimStream(100), "k", 1L << 30, int.MaxValue, default));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64L << 20);
    }
}
