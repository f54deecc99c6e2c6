using System.Diagnostics;

namespace ZarrCache.Tests.TestSupport;

/// <summary>The example programs under examples/ that the README shows: the README's block of one, and running its build.</summary>
internal static class ExamplePrograms
{
    /// <summary>The example's Program.cs.</summary>
    public static string ProgramPath(string name) => Path.Combine(RepoPaths.Root, "examples", name, "Program.cs");

    /// <summary>Asserts that README.md shows the example's Program.cs verbatim, in the block marked with its path.</summary>
    public static void AssertReadmeShows(string name)
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(ProgramPath(name)).ReplaceLineEndings("\n");
        var marker = $"<!-- example: examples/{name}/Program.cs -->\n```csharp\n";

        var start = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no example block marked with " + marker.Trim());
        var body = readme[(start + marker.Length)..];
        var block = body[..body.IndexOf("```\n", StringComparison.Ordinal)];

        Assert.Equal(program, block);
    }

    /// <summary>Runs the example's built program with arguments; fails the test when it does not exit within 2 minutes or exits non-zero.</summary>
    /// <returns>What it wrote to standard output, trimmed.</returns>
    public static async Task<string> RunAsync(string name, params string[] args)
    {
        var dll = Path.Combine(RepoPaths.Root, "examples", name, "bin", RepoPaths.Configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"the example was not built: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!, // a hosted example finds its appsettings.json there
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
                Assert.Fail($"the example program {name} did not exit within 2 minutes and was killed");
            }
        }

        var output = await outputRead;
        var errors = await errorsRead;
        Assert.True(process.ExitCode == 0, errors + output);
        return output.Trim();
    }
}
