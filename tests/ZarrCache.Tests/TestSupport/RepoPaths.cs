namespace ZarrCache.Tests.TestSupport;

/// <summary>Paths of the repository and of the shared test data, found from the test assembly's folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZarrCache.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ZarrCache.slnx above {AppContext.BaseDirectory}.");
    });

    /// <summary>The repository root (the folder holding ZarrCache.slnx).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
