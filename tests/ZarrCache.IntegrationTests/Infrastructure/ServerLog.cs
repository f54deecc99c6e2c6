namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// A server's own request log, one request a line (s3rver: "METHOD URL STATUS range=R"; nginx: "METHOD URI STATUS BYTES
/// range=R"). <see cref="Mark"/> remembers the current end; <see cref="LinesSince"/> returns what was logged after it.
/// </summary>
internal sealed class ServerLog(string path)
{
    public string Path { get; } = path;

    public long Mark() => new FileInfo(Path).Length;

    /// <summary>
    /// The lines logged after <paramref name="mark"/>. Servers write a line when a response has finished, which can be
    /// just after the client got it: with <paramref name="until"/> this polls (up to 10 s) until it holds; without,
    /// it waits a moment once (for checks that nothing was logged).
    /// </summary>
    public async Task<IReadOnlyList<LogLine>> LinesSince(long mark, Func<IReadOnlyList<LogLine>, bool>? until = null)
    {
        if (until is null)
        {
            await Task.Delay(300);
            return Read(mark);
        }

        for (var i = 0; ; i++)
        {
            var lines = Read(mark);
            if (until(lines) || i >= 200)
            {
                // Let any line still on its way (an extra request would be one) arrive too.
                await Task.Delay(200);
                return Read(mark);
            }

            await Task.Delay(50);
        }
    }

    private List<LogLine> Read(long mark)
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(mark, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();

        // Only whole lines: the last one may still be being written.
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(LogLine.Parse).ToList();
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
