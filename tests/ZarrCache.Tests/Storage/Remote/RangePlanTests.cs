using System.Globalization;

namespace ZarrCache.Tests.Storage.Remote;

/// <summary>How <see cref="RangePlan"/> groups the ranges of one read into requests and cuts the answers.</summary>
public class RangePlanTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();

    /// <summary>Ranges written <c>OFFSET+LENGTH</c>, <c>OFFSET-</c> (to the end) or <c>-N</c> (the last N bytes), space-separated.</summary>
    private static ByteRange[] Parse(string text) =>
    [
        .. text.Split(' ').Select(r => r switch
        {
            ['-', .. var n] => ByteRange.Suffix(long.Parse(n, CultureInfo.InvariantCulture)),
            [.. var offset, '-'] => ByteRange.FromOffset(long.Parse(offset, CultureInfo.InvariantCulture)),
            _ => ByteRange.FromOffset(
                long.Parse(r.Split('+')[0], CultureInfo.InvariantCulture), long.Parse(r.Split('+')[1], CultureInfo.InvariantCulture)),
        }),
    ];

    [Theory]
    // Overlapping, duplicate and adjacent ranges share one request, in any order.
    [InlineData("20+10 0+10 5+10 0+10 15+5", 0, 1000, "0+30")]
    // A gap up to the allowed one is spanned; a wider one starts a new request.
    [InlineData("0+10 15+5 26+4", 5, 1000, "0+20 26+4")]
    // A merged request stops at the size limit.
    [InlineData("0+10 10+10 20+10", 0, 20, "0+20 20+10")]
    // Suffix and to-the-end ranges get their own requests; zero-length ranges none.
    [InlineData("-10 190- 180+10 50+0 -0", 0, 1000, "-10 190- 180+10")]
    // Ranges running past the end of the value are clamped as a single read would be.
    [InlineData("190+10 200+30 195+40", 0, 1000, "190+45")]
    public void Ranges_are_grouped_into_requests_and_each_is_cut_from_the_answers(string ranges, long gap, long maxMerged, string requests)
    {
        var asked = Parse(ranges);
        var plan = RangePlan.Create(asked, gap, maxMerged);
        Assert.Equal(Parse(requests), plan.Requests);

        // Answer each request from Value as an origin would (clamped at the end), then cut the ranges out.
        var parts = plan.Split([.. plan.Requests.Select(r => r.Slice(Value))]);
        Assert.Equal(asked.Select(r => r.Slice(Value).ToArray()), parts.Select(p => p.ToArray()));
    }
}
