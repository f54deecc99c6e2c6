namespace ZarrCache.Tests.Storage;

public class RetryOptionsTests
{
    [Fact]
    public void Delays_grow_exponentially_up_to_the_maximum()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) };
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.DelayBefore(2));
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.DelayBefore(3));
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.DelayBefore(4));
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.DelayBefore(5));
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.DelayBefore(60));
    }

    [Theory]
    [InlineData(0, "MaxAttempts")]
    [InlineData(21, "MaxAttempts")]
    public void Bad_attempt_counts_are_named(int attempts, string field)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { MaxAttempts = attempts }.Validate());
        Assert.Equal(field, e.ParamName);
    }

    [Fact]
    public void Max_delay_below_base_delay_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) }.Validate());
        Assert.Equal("MaxDelay", e.ParamName);
    }
}
