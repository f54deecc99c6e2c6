namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// A server's own request log, one request a line (s3rver: "METHOD URL STATUS range=R"; nginx: "METHOD URI STATUS BYTES
/// range=R"). <see cref="Mark"/> remembers the current end; <see cref="LinesSince"/> returns what was logged after it.
/// </summary>
internal sealed class ServerLog(string path)
{
    public string Path { get; } = path;

    public long Mark() => new FileInfo(Path).Length;

    public async Task<IReadOnlyList<LogLine>> LinesSince(long mark)
    {
        // Servers write a line when a response finishes; give the last one a moment to reach the file.
        await Task.Delay(200);
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(mark, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(LogLine.Parse).ToList();
    }
}

internal sealed record LogLine(string Method, string Url, int Status, string Range)
{
    public static LogLine Parse(string line)
    {
        var parts = line.Split(' ');
        var range = parts[^1].StartsWith("range=", StringComparison.Ordinal) ? parts[^1]["range=".Length..] : "-";
        return new LogLine(parts[0], Uri.UnescapeDataString(parts[1]), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), range);
    }
}
