using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// N concurrent HTTP clients that together send a fixed count of GETs (some with a Range), check every response's
/// status and every byte against the expected value, and record each latency. Wrong bytes and errors are counted, never
/// thrown, so a run reports all of them.
/// </summary>
internal static class LoadClients
{
    public sealed record Target(Uri Url, byte[] Expected);

    public sealed record Result(int Requests, int Wrong, int Errors, IReadOnlyList<string> Problems, double Seconds, long Bytes, double[] LatenciesMs)
    {
        public double Percentile(double p)
        {
            var sorted = LatenciesMs.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        }
    }

    /// <param name="pick">Which target request number i reads.</param>
    /// <param name="rangeEvery">Every Nth request asks for a range (0: none).</param>
    public static async Task<Result> RunAsync(HttpClient http, IReadOnlyList<Target> targets, int clients, int requests, Func<int, int> pick, int rangeEvery = 0)
    {
        var next = -1;
        var latencies = new double[requests];
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int wrong = 0, errors = 0;
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var target = targets[pick(i)];
                var ranged = rangeEvery > 0 && i % rangeEvery == 0;
                var (from, to) = (i % 97, Math.Min(target.Expected.Length - 1, (i % 97) + 4096 + (i % 13)));
                using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
                if (ranged)
                {
                    request.Headers.Range = new RangeHeaderValue(from, to);
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    Interlocked.Add(ref bytes, body.Length);
                    var expected = ranged ? target.Expected.AsSpan(from, to - from + 1) : target.Expected;
                    var status = ranged ? HttpStatusCode.PartialContent : HttpStatusCode.OK;
                    if (response.StatusCode != status || !body.AsSpan().SequenceEqual(expected))
                    {
                        Interlocked.Increment(ref wrong);
                        problems.Enqueue($"{target.Url} {(ranged ? $"bytes={from}-{to}" : "whole")}: {(int)response.StatusCode}, {body.Length} bytes");
                    }
                }
                catch (HttpRequestException e)
                {
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    Interlocked.Increment(ref errors);
                    problems.Enqueue($"{target.Url}: {e.Message}");
                }
            }
        })));
        return new Result(requests, wrong, errors, problems.Take(10).ToList(), clock.Elapsed.TotalSeconds, bytes, latencies);
    }
}
