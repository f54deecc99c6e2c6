namespace ZarrCache.Tests.Storage.Remote;

/// <summary>How <see cref="RangePlan"/> groups the ranges of one read into requests and cuts the answers.</summary>
public class RangePlanTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();

    /// <summary>Answers each request from <see cref="Value"/> as an origin would (clamped at the end).</summary>
    private static ReadOnlyMemory<byte>[] Answer(RangePlan plan) => [.. plan.Requests.Select(r => r.Slice(Value))];

    private static void AssertSplitMatchesEachRange(ByteRange[] ranges, RangePlan plan)
    {
        var parts = plan.Split(Answer(plan));
        for (var i = 0; i < ranges.Length; i++)
        {
            Assert.Equal(ranges[i].Slice(Value).ToArray(), parts[i].ToArray());
        }
    }

    [Fact]
    public void Overlapping_duplicate_and_adjacent_ranges_share_one_request_in_any_order()
    {
        ByteRange[] ranges = [ByteRange.FromOffset(20, 10), ByteRange.FromOffset(0, 10), ByteRange.FromOffset(5, 10), ByteRange.FromOffset(0, 10), ByteRange.FromOffset(15, 5)];
        var plan = RangePlan.Create(ranges, gap: 0, maxMerged: 1000);
        Assert.Equal([ByteRange.FromOffset(0, 30)], plan.Requests);
        AssertSplitMatchesEachRange(ranges, plan);
    }

    [Fact]
    public void A_gap_wider_than_allowed_starts_a_new_request()
    {
        ByteRange[] ranges = [ByteRange.FromOffset(0, 10), ByteRange.FromOffset(15, 5), ByteRange.FromOffset(26, 4)];
        var plan = RangePlan.Create(ranges, gap: 5, maxMerged: 1000);
        Assert.Equal([ByteRange.FromOffset(0, 20), ByteRange.FromOffset(26, 4)], plan.Requests);
        AssertSplitMatchesEachRange(ranges, plan);
    }

    [Fact]
    public void A_merged_request_stops_at_the_size_limit()
    {
        ByteRange[] ranges = [ByteRange.FromOffset(0, 10), ByteRange.FromOffset(10, 10), ByteRange.FromOffset(20, 10)];
        var plan = RangePlan.Create(ranges, gap: 0, maxMerged: 20);
        Assert.Equal([ByteRange.FromOffset(0, 20), ByteRange.FromOffset(20, 10)], plan.Requests);
        AssertSplitMatchesEachRange(ranges, plan);
    }

    [Fact]
    public void Suffix_and_to_the_end_ranges_get_their_own_requests_and_zero_length_ranges_none()
    {
        ByteRange[] ranges = [ByteRange.Suffix(10), ByteRange.FromOffset(190), ByteRange.FromOffset(180, 10), ByteRange.FromOffset(50, 0), ByteRange.Suffix(0)];
        var plan = RangePlan.Create(ranges, gap: 0, maxMerged: 1000);
        Assert.Equal([ByteRange.Suffix(10), ByteRange.FromOffset(190), ByteRange.FromOffset(180, 10)], plan.Requests);
        AssertSplitMatchesEachRange(ranges, plan);
    }

    [Fact]
    public void Ranges_running_past_the_end_of_the_value_are_clamped_as_a_single_read_would_be()
    {
        ByteRange[] ranges = [ByteRange.FromOffset(190, 10), ByteRange.FromOffset(200, 30), ByteRange.FromOffset(195, 40)];
        var plan = RangePlan.Create(ranges, gap: 0, maxMerged: 1000);
        Assert.Equal([ByteRange.FromOffset(190, 45)], plan.Requests);
        AssertSplitMatchesEachRange(ranges, plan);
    }
}
