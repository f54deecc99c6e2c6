using Microsoft.AspNetCore.Http;
using ZarrCache.Gateway.Http;

namespace ZarrCache.Tests.Gateway;

public sealed class ResponsePlanTests
{
    private const string ETag = "\"0123456789abcdef0123456789abcdef\"";

    private static ResponsePlan Plan(long length, params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return ResponsePlan.For(dictionary, ETag, length);
    }

    [Fact]
    public void No_range_is_the_whole_value() => Assert.Equal(ResponseKind.Whole, Plan(100).Kind);

    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=90-", 90, 10)]
    [InlineData("bytes=95-200", 95, 5)]
    [InlineData("bytes=-10", 90, 10)]
    [InlineData("bytes=-500", 0, 100)]
    [InlineData("BYTES = 5-5", 0, 0)]
    public void A_single_range_resolves_against_the_length_as_RFC_9110_says(string header, long start, long length)
    {
        var plan = Plan(100, ("Range", header));
        if (length == 0)
        {
            Assert.Equal(ResponseKind.Whole, plan.Kind);
            return;
        }

        Assert.Equal(ResponseKind.Partial, plan.Kind);
        Assert.Equal([(start, length)], plan.Ranges);
    }

    [Fact]
    public void Several_ranges_keep_their_order_and_drop_those_past_the_end()
    {
        var plan = Plan(100, ("Range", "bytes=50-59, 0-0, 200-300, -1"));

        Assert.Equal(ResponseKind.Partial, plan.Kind);
        Assert.Equal([(50L, 10L), (0L, 1L), (99L, 1L)], plan.Ranges);
    }

    [Theory]
    [InlineData("bytes=100-")]
    [InlineData("bytes=100-200, 150-")]
    [InlineData("bytes=-0")]
    public void Ranges_that_all_start_past_the_end_are_unsatisfiable(string header) =>
        Assert.Equal(ResponseKind.Unsatisfiable, Plan(100, ("Range", header)).Kind);

    [Theory]
    [InlineData("items=0-9")]
    [InlineData("bytes=9-0")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=-")]
    [InlineData("bytes=0-9;")]
    public void A_range_header_that_does_not_parse_is_ignored(string header) =>
        Assert.Equal(ResponseKind.Whole, Plan(100, ("Range", header)).Kind);

    [Fact]
    public void More_than_the_allowed_number_of_ranges_is_ignored()
    {
        var many = "bytes=" + string.Join(',', Enumerable.Range(0, ResponsePlan.MaxRanges + 1).Select(i => $"{i}-{i}"));
        Assert.Equal(ResponseKind.Whole, Plan(1000, ("Range", many)).Kind);
        var allowed = "bytes=" + string.Join(',', Enumerable.Range(0, ResponsePlan.MaxRanges).Select(i => $"{i}-{i}"));
        Assert.Equal(ResponsePlan.MaxRanges, Plan(1000, ("Range", allowed)).Ranges.Count);
    }

    [Theory]
    [InlineData(ETag)]
    [InlineData("W/" + ETag)]
    [InlineData("\"other\", " + ETag)]
    [InlineData("*")]
    public void If_None_Match_naming_the_ETag_is_not_modified_even_with_a_range(string header) =>
        Assert.Equal(ResponseKind.NotModified, Plan(100, ("If-None-Match", header), ("Range", "bytes=0-1")).Kind);

    [Fact]
    public void If_None_Match_naming_another_ETag_is_the_whole_value() =>
        Assert.Equal(ResponseKind.Whole, Plan(100, ("If-None-Match", "\"other\"")).Kind);

    [Fact]
    public void If_Range_with_the_current_ETag_serves_the_range_and_any_other_value_serves_the_whole()
    {
        Assert.Equal(ResponseKind.Partial, Plan(100, ("Range", "bytes=0-1"), ("If-Range", ETag)).Kind);
        Assert.Equal(ResponseKind.Whole, Plan(100, ("Range", "bytes=0-1"), ("If-Range", "\"stale\"")).Kind);
        Assert.Equal(ResponseKind.Whole, Plan(100, ("Range", "bytes=0-1"), ("If-Range", "W/" + ETag)).Kind);
        Assert.Equal(ResponseKind.Whole, Plan(100, ("Range", "bytes=0-1"), ("If-Range", "Wed, 21 Oct 2015 07:28:00 GMT")).Kind);
    }
}
