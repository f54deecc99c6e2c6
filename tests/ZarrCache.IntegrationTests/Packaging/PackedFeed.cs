using System.Diagnostics;
using System.Text;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.IntegrationTests.Packaging;

/// <summary>
/// Every project under src/ packed once (from the build the tests run on, <c>--no-build</c>) into a local folder feed,
/// under a version no earlier run used, so that no package cache can serve an older copy. Shared by the tests of
/// <see cref="PackagingTests"/>; the folder is removed afterwards.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "zarrcache-packaging-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = $"0.0.1-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var output = new StringBuilder();
        Projects = Directory.GetFiles(Path.Combine(RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        foreach (var project in Projects)
        {
            var (code, text) = Run("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}", "-nologo"], Root);
            output.AppendLine(text);
            if (code != 0)
            {
                PackFailure = $"dotnet pack {Path.GetFileName(project)} failed:\n{text}";
                break;
            }
        }

        PackOutput = output.ToString();
    }

    /// <summary>The repository root (the folder holding ZarrCache.slnx).</summary>
    public static string RepoRoot => RepoPaths.Root;

    /// <summary>The configuration the tests (and so the packed assemblies) were built in.</summary>
    public static string Configuration => RepoPaths.Configuration;

    /// <summary>A scratch folder for the whole class.</summary>
    public string Root { get; }

    /// <summary>The local folder feed.</summary>
    public string Feed { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>The projects packed.</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>What dotnet pack printed, all projects.</summary>
    public string PackOutput { get; }

    /// <summary>Why packing failed; null when every project packed.</summary>
    public string? PackFailure { get; }

    /// <summary>The NuGet packages folder of this machine, used as a read-only fallback so that third-party packages are not downloaded again.</summary>
    public static string GlobalPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>Runs a program to its end (killed after five minutes); returns its exit code and its output and errors together.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {string.Join(' ', args)} did not finish in 5 minutes and was killed");
        }

        return (process.ExitCode, output.Result + errors.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left behind in the temporary folder is harmless.
        }
    }
}
