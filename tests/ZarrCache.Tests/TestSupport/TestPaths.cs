namespace ZarrCache.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding ZarrCache.slnx) and the shared golden data beside it.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string SharedTestData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "testdata"));

    public static string NumcodecsFixture => Path.Combine(SharedTestData, "numcodecs-fixture");

    public static string ZarritaFixtures => Path.Combine(SharedTestData, "zarrita-fixtures");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZarrCache.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ZarrCache.slnx not found above " + AppContext.BaseDirectory);
    }
}
