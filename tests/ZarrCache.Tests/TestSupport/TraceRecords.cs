namespace ZarrCache.Tests.TestSupport;

/// <summary>Every record of an access trace, read with <see cref="TraceReader"/> (which throws on a damaged one).</summary>
internal static class TraceRecords
{
    public static List<TraceRecord> Of(byte[] bytes)
    {
        using var reader = new TraceReader(new MemoryStream(bytes));
        return ReadAll(reader);
    }

    public static List<TraceRecord> Of(string path)
    {
        using var reader = TraceReader.Open(path);
        return ReadAll(reader);
    }

    private static List<TraceRecord> ReadAll(TraceReader reader)
    {
        var records = new List<TraceRecord>();
        while (reader.TryRead(out var record))
        {
            records.Add(record);
        }

        return records;
    }
}
