using System.Diagnostics;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// zarr-python 2.13 (Debian python3-zarr, /usr/bin/python3) as the reference reader of local files, through
/// tests/tools/zarr-python. A missing zarr-python fails the test saying how to install it; it never skips.
/// </summary>
internal static class ZarrPythonReference
{
    private static string Tools => Path.Combine(RepoRoot, "tests", "tools", "zarr-python");

    private static string RepoRoot => RepoDir();

    /// <summary>Writes an array from a JSON spec (see make_array.py) into <paramref name="dir"/> with zarr-python.</summary>
    public static void Make(string dir, string spec) => _ = Run([Path.Combine(Tools, "make_array.py"), dir, spec], $"write {spec}");

    /// <summary>Reads regions (ArraySelection text, "" for all) of the local array in <paramref name="dir"/>.</summary>
    public static IReadOnlyList<NpyArray> ReadRegions(string dir, IReadOnlyList<string> selections)
    {
        var prefix = dir + ".region";
        _ = Run([Path.Combine(Tools, "read_regions.py"), dir, prefix, .. selections], $"read regions of {dir}");
        return selections.Select((_, i) => NpyReader.Read($"{prefix}.{i}.npy")).ToArray();
    }

    /// <summary>Runs tests/tools/zarr-python/hierarchy.py (make, consolidate, add, nodes); returns what it printed.</summary>
    public static string Hierarchy(params string[] args) => Run([Path.Combine(Tools, "hierarchy.py"), .. args], string.Join(' ', args));

    private static string RepoDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZarrCache.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.True(dir is not null, "ZarrCache.slnx not found above " + AppContext.BaseDirectory);
        return dir!.FullName;
    }

    private static string Run(IReadOnlyList<string> args, string what)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"/usr/bin/python3 could not start ({e.Message}): apt-get install python3-zarr=2.13.6+ds-1 (scripts/test.sh does)");
            return string.Empty;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"zarr-python did not {what} within 2 minutes and was killed");
            }

            Assert.True(process.ExitCode == 0, $"zarr-python could not {what} (is python3-zarr 2.13 installed? scripts/test.sh installs it): {output.Result}{errors.Result}");
            return output.Result;
        }
    }
}
