using System.Diagnostics;
using ZarrCache.IntegrationTests.Packaging;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.IntegrationTests.Aot;

/// <summary>
/// tests/ZarrCache.AotSmoke published once with Native AOT (<c>dotnet publish -c Release -r linux-x64</c>, its own
/// artifacts folder so that the repository's bin/ and obj/ are not touched) and its native binary run once over the
/// shared testdata. Shared by the tests of <see cref="AotSmokeTests"/>; the folder is removed afterwards.
/// </summary>
public sealed class AotSmokeBuild : IDisposable
{
    /// <summary>The C compiler and linker the ILCompiler runs (the smoke project's CppCompilerAndLinker).</summary>
    public const string Linker = "clang-14";

    public AotSmokeBuild()
    {
        Root = Path.Combine(Path.GetTempPath(), "zarrcache-aot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (MissingToolchain is { } missing)
        {
            Failure = missing + (Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: a missing toolchain is a failure)" : "");
            return;
        }

        var output = Path.Combine(Root, "publish");
        var publishing = Stopwatch.StartNew();
        var (code, text) = PackedFeed.Run("dotnet", [
            "publish", Path.Combine(RepoPaths.Root, "tests", "ZarrCache.AotSmoke", "ZarrCache.AotSmoke.csproj"),
            "-c", "Release", "-r", "linux-x64", "-o", output, "--artifacts-path", Path.Combine(Root, "artifacts"),
            "-nologo", "-m:1", "-nodeReuse:false", "-p:UseSharedCompilation=false"], Root);
        PublishTime = publishing.Elapsed;
        if (code != 0)
        {
            Failure = $"dotnet publish with Native AOT failed (exit code {code}; a trim or AOT warning is an error):\n{Errors(text)}";
            return;
        }

        Native = PackedFeed.Run(Path.Combine(output, "ZarrCache.AotSmoke"), [TestPaths.SharedTestData], Root);
    }

    /// <summary>What of the toolchain is missing, or null when the linker is on PATH.</summary>
    public static string? MissingToolchain =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, Linker)))
            ? null
            : $"the Native AOT toolchain is missing: {Linker} is not on PATH (scripts/test.sh installs clang-14 and zlib1g-dev)";

    /// <summary>A scratch folder for the publish.</summary>
    public string Root { get; }

    /// <summary>Why there is no native binary (a missing toolchain or a failed publish); null when it was published and run.</summary>
    public string? Failure { get; }

    /// <summary>How long the publish took.</summary>
    public TimeSpan PublishTime { get; }

    /// <summary>The native binary's exit code and output (standard output and errors).</summary>
    public (int ExitCode, string Output) Native { get; }

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

    private static string Errors(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToArray();
        var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Take(30).ToArray();
        return string.Join('\n', errors.Length > 0 ? errors : lines.TakeLast(40));
    }
}
