using System.Diagnostics;

namespace ZarrCache.Tests.TestSupport;

/// <summary>Runs a built example of examples/ as a user runs it, to its end (killed, and the test failed, after two minutes).</summary>
internal static class ExampleProgram
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string name, params string[] args)
    {
        var dll = Path.Combine(RepoPaths.Root, "examples", name, "bin", RepoPaths.Configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"the example was not built: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        using var process = Process.Start(start)!;
        var outputRead = process.StandardOutput.ReadToEndAsync();
        var errorsRead = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"the example {name} did not exit within 2 minutes and was killed");
            }
        }

        return (process.ExitCode, await outputRead, await errorsRead);
    }
}
