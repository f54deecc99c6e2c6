using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>Strings and times written and read back here, v2 and v3, with regions across chunks and missing chunks.</summary>
public class StringTimeRoundTripTests
{
    private static readonly string?[] Words = ["", "a", "Ñoño", "世界", "🚀🎉", "zarr", "x", "end", "tab\t", "q\""];

    public static TheoryData<int, string> Types() => new()
    {
        { 2, "string" }, { 3, "string" }, { 2, "fixed" }, { 3, "fixed" }, { 2, "fixed-be" }, { 2, "bytes" }, { 3, "bytes" }, { 3, "fixed-bytes" }, { 2, "fixed-bytes" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Strings_round_trip_with_regions_and_the_fill_in_missing_chunks(int format, string kind)
    {
        var type = kind switch
        {
            "string" => ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String),
            "bytes" => ZarrDataType.CreateVariableLength(ZarrDataTypeKind.VariableBytes),
            "fixed-bytes" => ZarrDataType.CreateFixedBytes(8),
            _ => ZarrDataType.CreateFixedString(5),
        };
        var array = await ZarrArray.CreateAsync(new MemoryStore(), "s", new ZarrArrayOptions
        {
            ZarrFormat = format, Shape = [5, 4], ChunkShape = [2, 3], ElementType = type, BigEndian = kind == "fixed-be",
            Compressor = format == 3 ? ZarrCompressor.Gzip(1) : ZarrCompressor.Zstd(1),
        });
        var values = Enumerable.Range(0, 12).Select(i => Words[i % Words.Length]).ToArray();
        await array.WriteStringsAsync(ArraySelection.Parse("1:5,1:"), values.Select(v => kind.Contains("bytes", StringComparison.Ordinal) ? v?.Replace("🚀🎉", "ab", StringComparison.Ordinal) : v).ToArray());

        var all = (await array.ReadStringsAsync()).Data;
        var expected = new string?[20];
        Array.Fill(expected, string.Empty);
        for (var i = 0; i < 12; i++)
        {
            var word = values[i];
            expected[((1 + (i / 3)) * 4) + 1 + (i % 3)] = kind.Contains("bytes", StringComparison.Ordinal) ? word?.Replace("🚀🎉", "ab", StringComparison.Ordinal) : word;
        }

        Assert.Equal(expected, all);
        var region = await array.ReadStringsAsync(ArraySelection.Parse("2,1:3"));
        Assert.Equal(new long[] { 2 }, region.Shape);
        Assert.Equal(expected[9..11], region.Data);
    }

    [Fact]
    public async Task A_fixed_string_longer_than_the_type_is_refused()
    {
        var array = await ZarrArray.CreateAsync(new MemoryStore(), "s", new ZarrArrayOptions { Shape = [2], ChunkShape = [2], ElementType = ZarrDataType.CreateFixedString(2) });
        var e = await Assert.ThrowsAsync<ArgumentException>(() => array.WriteStringsAsync(null, new[] { "abc", "d" }));
        Assert.Contains("3 code points", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, true, "ns")]
    [InlineData(3, true, "10ms")]
    [InlineData(3, false, "us")]
    [InlineData(2, false, "D")]
    public async Task Times_round_trip_as_counts_and_as_net_values_with_NaT_fill(int format, bool dateTime, string unit)
    {
        var type = ZarrDataType.CreateTime(dateTime, unit);
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "t", new ZarrArrayOptions { ZarrFormat = format, Shape = [6], ChunkShape = [4], ElementType = type, FillValue = double.NaN });
        var reopened = await ZarrArray.OpenAsync(store, "t");
        Assert.Equal(type, reopened.DataType);
        if (dateTime)
        {
            DateTime?[] times = [new DateTime(2005, 2, 3, 4, 5, 6, DateTimeKind.Unspecified), null];
            await array.WriteDateTimesAsync(ArraySelection.Parse("0:2"), times);
            Assert.Equal([.. times, null, null, null, null], (await reopened.ReadDateTimesAsync()).Data);
        }
        else
        {
            TimeSpan?[] spans = [TimeSpan.FromDays(3), null];
            await array.WriteTimeSpansAsync(ArraySelection.Parse("0:2"), spans);
            Assert.Equal([.. spans, null, null, null, null], (await reopened.ReadTimeSpansAsync()).Data);
        }

        Assert.Equal(ZarrTime.NaT, (await reopened.ReadAsync<long>()).Data[5]);
    }

    [Fact]
    public async Task Byte_level_reads_of_variable_length_strings_are_refused_pointing_to_the_string_reads()
    {
        var array = await ZarrArray.CreateAsync(new MemoryStore(), "s", new ZarrArrayOptions { Shape = [2], ChunkShape = [2], ElementType = ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String) });
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => array.ReadAsync());
        Assert.Contains("ReadStringsAsync", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => array.ReadDateTimesAsync());
    }
}
