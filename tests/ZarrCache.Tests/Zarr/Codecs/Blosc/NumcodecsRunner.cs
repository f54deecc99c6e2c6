using System.Diagnostics;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>Runs Python scripts against Debian's numcodecs (system python3, which has the apt-installed package).</summary>
internal static class NumcodecsRunner
{
    private static readonly Lazy<bool> Available = new(() => TryRun("import numcodecs, numcodecs.blosc", Environment.CurrentDirectory, out _));

    public static bool IsAvailable => Available.Value;

    /// <summary>Gets the interpreter: Debian's /usr/bin/python3 (where apt installs numcodecs) when present, else python3 on the PATH.</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Runs <paramref name="script"/> in <paramref name="workingDirectory"/>; throws with its output when it fails.</summary>
    public static string Run(string script, string workingDirectory)
    {
        if (!TryRun(script, workingDirectory, out var output))
        {
            throw new InvalidOperationException($"{Python} with numcodecs failed (is python3-numcodecs installed?):\n{output}");
        }

        return output;
    }

    private static bool TryRun(string script, string workingDirectory, out string output)
    {
        var path = Path.Combine(Path.GetTempPath(), $"zarrcache-numcodecs-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, script);
        try
        {
            var info = new ProcessStartInfo(Python, [path])
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                output = $"{Python} did not finish in 5 minutes and was killed";
                return false;
            }

            output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            output = $"{Python} could not be started: {ex.Message}";
            return false;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
