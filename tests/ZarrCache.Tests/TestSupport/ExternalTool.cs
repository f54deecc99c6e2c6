using System.Diagnostics;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// Runs the other implementations the tests compare with: zarrita (Node, tests/tools/zarrita-runner, installed by
/// `npm ci` in scripts/lib/common.sh) and zarr-python 2.13 (Debian python3-zarr, run with /usr/bin/python3).
/// A missing tool fails the test with a message saying how to install it; it never skips silently.
/// </summary>
internal static class ExternalTool
{
    public static string ZarritaRunnerDir => Path.Combine(TestPaths.RepoRoot, "tests", "tools", "zarrita-runner");

    public static string SystemPython => "/usr/bin/python3";

    public static void RequireZarrita()
    {
        if (!Directory.Exists(Path.Combine(ZarritaRunnerDir, "node_modules", "zarrita")))
        {
            Assert.Fail($"zarrita is not installed: run `npm ci` in {ZarritaRunnerDir} (scripts/lib/common.sh install_prerequisites does).");
        }
    }

    public static void RequireZarrPython()
    {
        var (code, output) = Run(SystemPython, ["-c", "import zarr; print(zarr.__version__)"], null);
        if (code != 0 || !output.StartsWith("2.13", StringComparison.Ordinal))
        {
            Assert.Fail($"zarr-python 2.13 (Debian python3-zarr) is not installed for {SystemPython}: apt-get install python3-zarr=2.13.6+ds-1 (scripts/lib/common.sh install_prerequisites does). Output: {output}");
        }
    }

    /// <summary>Reads an array with zarrita: returns its JSON ({shape, dtype, data}) or fails with zarrita's error.</summary>
    public static string ReadWithZarrita(string root, string path, string? version = null)
    {
        RequireZarrita();
        var args = new List<string> { Path.Combine(ZarritaRunnerDir, "read.mjs"), root, path };
        if (version is not null)
        {
            args.Add(version);
        }

        var (code, output) = Run("node", args, ZarritaRunnerDir);
        Assert.True(code == 0, $"zarrita failed to read '{path}' in {root}: {output}");
        return output;
    }

    /// <summary>
    /// Reads regions of an array with zarrita's get(array, selection): returns a JSON array of {shape, data}, one per
    /// selection (ArraySelection text), or fails with zarrita's error.
    /// </summary>
    public static string ReadRegionsWithZarrita(string root, string path, string version, IReadOnlyList<string> selections)
    {
        RequireZarrita();
        var (code, output) = Run("node", [Path.Combine(ZarritaRunnerDir, "read-regions.mjs"), root, path, version, .. selections], ZarritaRunnerDir);
        Assert.True(code == 0, $"zarrita failed to read regions of '{path}' in {root}: {output}");
        return output;
    }

    /// <summary>Runs a python script with zarr-python; returns stdout or fails with its error.</summary>
    public static string RunPython(string script)
    {
        RequireZarrPython();
        var (code, output) = Run(SystemPython, ["-c", script], null);
        Assert.True(code == 0, $"python failed: {output}\nscript:\n{script}");
        return output;
    }

    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string? workingDirectory)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} did not finish in 120 s");
            }

            return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file} could not start: {e.Message}");
        }
    }
}
