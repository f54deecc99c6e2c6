using System.Diagnostics;

namespace ZarrCache.Tests.TestSupport;

/// <summary>Runs tests/ZarrCache.DiskCacheProbe as a separate process (built beside the tests).</summary>
internal static class DiskCacheProbeProcess
{
    public static string DllPath =>
        System.IO.Path.Combine(RepoPaths.Root, "tests", "ZarrCache.DiskCacheProbe", "bin", RepoPaths.Configuration, "net10.0", "ZarrCache.DiskCacheProbe.dll");

    /// <summary>Starts the probe with its output redirected.</summary>
    public static Process Start(params string[] args)
    {
        Assert.True(File.Exists(DllPath), $"the probe program was not built: {DllPath}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the probe did not start");
    }

    /// <summary>Runs the probe to its end (at most two minutes) and returns its last output line.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"probe {string.Join(' ', args)} failed: {await errors}");
        return (await output).Trim().Split('\n')[^1].Trim();
    }

    /// <summary>Parses <c>name=value</c> pairs of a probe's output line.</summary>
    public static Dictionary<string, long> Figures(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .Where(pair => pair.Length == 2 && long.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
}
