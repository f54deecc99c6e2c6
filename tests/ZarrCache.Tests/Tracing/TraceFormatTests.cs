using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Tracing;

public sealed class TraceFormatTests
{
    [Fact]
    public void Records_written_concurrently_by_many_threads_all_read_back()
    {
        const int threads = 8;
        const int perThread = 25_000;
        var keys = Enumerable.Range(0, 3_000).Select(i => new StoreKey($"temperature/c/{i / 100}/{i % 100}")).ToArray();
        using var stream = new MemoryStream();
        using (var writer = new TraceWriter(stream, leaveOpen: true))
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var random = new Random(t);
                for (var i = 0; i < perThread; i++)
                {
                    var k = random.Next(keys.Length);
                    writer.OnAccess(keys[k], Size(k), (AccessOutcome)(k % 2), (AccessTier)(k % 4));
                }
            });
            Assert.Equal(threads * perThread, writer.Records);
        }

        stream.Position = 0;
        using var reader = new TraceReader(stream);
        var counts = new Dictionary<string, int>();
        var previous = TimeSpan.Zero;
        while (reader.TryRead(out var record))
        {
            var k = Array.FindIndex(keys, key => key.Value == record.Key);
            Assert.True(k >= 0, record.Key);
            Assert.Equal(Size(k), record.Size);
            Assert.Equal((AccessOutcome)(k % 2), record.Outcome);
            Assert.Equal((AccessTier)(k % 4), record.Tier);
            Assert.True(record.Time >= previous, "times never go backwards");
            previous = record.Time;
            counts[record.Key] = counts.GetValueOrDefault(record.Key) + 1;
        }

        var expected = new Dictionary<string, int>();
        for (var t = 0; t < threads; t++)
        {
            var random = new Random(t);
            for (var i = 0; i < perThread; i++)
            {
                var key = keys[random.Next(keys.Length)].Value;
                expected[key] = expected.GetValueOrDefault(key) + 1;
            }
        }

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), counts.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Count, reader.Keys.Count);
    }

    [Fact]
    public void A_record_costs_a_few_bytes_once_its_key_is_known()
    {
        using var stream = new MemoryStream();
        using (var writer = new TraceWriter(stream, leaveOpen: true))
        {
            for (var i = 0; i < 10_000; i++)
            {
                writer.OnAccess(new StoreKey("a/c/0/0"), 1_000_000, AccessOutcome.Hit, AccessTier.Memory);
            }
        }

        Assert.InRange(stream.Length, 16, 16 + 20 + (10_000 * 6));
    }

    [Fact]
    public void A_truncated_trace_names_the_byte_offset_of_the_cut_record()
    {
        var bytes = Write(3);
        var lastRecord = RecordOffsets(bytes)[^1];

        var error = Assert.Throws<TraceFormatException>(() => TraceRecords.Of(bytes[..^1]));

        Assert.Equal(lastRecord, error.Offset);
        Assert.Contains($"byte offset {lastRecord}", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_tag_names_the_byte_offset_of_its_record()
    {
        var bytes = Write(3);
        var second = RecordOffsets(bytes)[1];
        bytes[second] = 0xF7;

        var error = Assert.Throws<TraceFormatException>(() => TraceRecords.Of(bytes));

        Assert.Equal(second, error.Offset);
        Assert.Contains($"corrupt access trace at byte offset {second}: invalid tag byte 0xF7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_number_never_defined_is_corruption()
    {
        var bytes = Write(2);
        var second = RecordOffsets(bytes)[1];
        bytes[second] &= 0xF7; // Clear the new-key bit: the record's key length (7) now reads as key number 7.

        var error = Assert.Throws<TraceFormatException>(() => TraceRecords.Of(bytes));

        Assert.Equal(second, error.Offset);
        Assert.Contains("was never defined", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void A_file_without_the_header_is_refused_at_offset_0(int length)
    {
        var bytes = new byte[length];

        var error = Assert.Throws<TraceFormatException>(() => TraceRecords.Of(bytes));

        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Another_file_is_refused_as_not_a_trace()
    {
        var error = Assert.Throws<TraceFormatException>(() => TraceRecords.Of("{\"zarr_format\": 3, \"node_type\": \"array\"}"u8.ToArray()));

        Assert.Contains("not a ZarrCache access trace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flush_puts_every_record_so_far_in_the_file_while_recording_goes_on()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-flush-{Guid.NewGuid():N}.zct");
        try
        {
            using var writer = TraceWriter.Create(path);
            for (var i = 0; i < 50_000; i++)
            {
                writer.OnAccess(new StoreKey($"a/c/{i % 500}/0"), i, AccessOutcome.Miss, AccessTier.Origin);
            }

            writer.Flush();
            Assert.Equal(50_000, TraceRecords.Of(path).Count);

            writer.OnAccess(new StoreKey("a/c/0/0"), 1, AccessOutcome.Hit, AccessTier.Remote);
            writer.Dispose();
            Assert.Equal(50_001, TraceRecords.Of(path).Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Records_after_dispose_are_dropped()
    {
        using var stream = new MemoryStream();
        var writer = new TraceWriter(stream, leaveOpen: true);
        writer.OnAccess(new StoreKey("a/0"), 10, AccessOutcome.Miss, AccessTier.Origin);
        writer.Dispose();
        writer.OnAccess(new StoreKey("a/1"), 10, AccessOutcome.Miss, AccessTier.Origin);

        Assert.Single(TraceRecords.Of(stream.ToArray()));
    }

    private static long Size(int k) => k * 997L;

    private static byte[] Write(int records)
    {
        using var stream = new MemoryStream();
        using (var writer = new TraceWriter(stream, leaveOpen: true))
        {
            for (var i = 0; i < records; i++)
            {
                writer.OnAccess(new StoreKey($"a/c/{i}/0"), 1000 + i, AccessOutcome.Miss, AccessTier.Origin);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The byte offset of each record of a trace from <see cref="Write"/> (every record defines its key).</summary>
    private static List<long> RecordOffsets(byte[] bytes)
    {
        var offsets = new List<long>();
        var position = 16L;
        var micros = 0L;
        foreach (var record in TraceRecords.Of(bytes))
        {
            offsets.Add(position);
            var now = (long)record.Time.TotalMicroseconds;
            position += 1 + Varint((ulong)(now - micros)) + Varint((ulong)record.Key.Length) + record.Key.Length + Varint((ulong)record.Size);
            micros = now;
        }

        Assert.Equal(bytes.Length, position);
        return offsets;
    }

    private static int Varint(ulong value)
    {
        var n = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            n++;
        }

        return n;
    }
}
