using System.Diagnostics;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>The non-.NET clients the gateway tests read with: zarr-python 2.13 (Debian python3-zarr) and zarrita.js.</summary>
internal static class ClientTools
{

    /// <summary>Reads an array with zarrita (tests/tools/zarrita-runner/read.mjs): its JSON, or the test fails with zarrita's error.</summary>
    public static string Zarrita(string root, string path)
    {
        var runner = Path.Combine(RepoRoot(), "tests", "tools", "zarrita-runner");
        Assert.True(Directory.Exists(Path.Combine(runner, "node_modules", "zarrita")), $"zarrita is not installed: run `npm ci` in {runner}.");
        var (code, output) = Run("node", [Path.Combine(runner, "read.mjs"), root, path], runner);
        Assert.True(code == 0, $"zarrita failed to read '{path}' in {root}: {output}");
        return output;
    }

    /// <summary>Runs a python script with /usr/bin/python3 (Debian's zarr 2.13, fsspec, aiohttp): stdout, or the test fails.</summary>
    public static string Python(string script, params string[] args)
    {
        var (code, output) = Run("/usr/bin/python3", ["-c", script, .. args], null);
        Assert.True(code == 0, $"python failed: {output}");
        return output;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZarrCache.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.True(dir is not null, "ZarrCache.slnx not found above " + AppContext.BaseDirectory);
        return dir!.FullName;
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
}
