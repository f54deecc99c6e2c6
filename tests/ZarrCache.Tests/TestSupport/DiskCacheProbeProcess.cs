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

    /// <summary>Runs the probe to its end (at most two minutes; killed after that) and returns its last output line.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        using var process = Start(args);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            if (process.ExitCode != 0)
            {
                Assert.Fail($"probe {string.Join(' ', args)} failed: {await errors.WaitAsync(TimeSpan.FromSeconds(30))}");
            }

            return (await output.WaitAsync(TimeSpan.FromSeconds(30))).Trim().Split('\n')[^1].Trim();
        }
        finally
        {
            KillIfRunning(process);
        }
    }

    /// <summary>Kills a probe that is still running (SIGKILL on Unix).</summary>
    public static void KillIfRunning(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Parses <c>name=value</c> pairs of a probe's output line.</summary>
    public static Dictionary<string, long> Figures(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .Where(pair => pair.Length == 2 && long.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
}
