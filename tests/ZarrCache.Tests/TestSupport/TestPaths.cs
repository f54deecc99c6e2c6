namespace ZarrCache.Tests.TestSupport;

/// <summary>The shared golden data beside the repository (<see cref="RepoPaths"/> finds the root).</summary>
internal static class TestPaths
{
    public static string RepoRoot => RepoPaths.Root;

    public static string SharedTestData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "testdata"));

    public static string NumcodecsFixture => Path.Combine(SharedTestData, "numcodecs-fixture");

    public static string ZarritaFixtures => Path.Combine(SharedTestData, "zarrita-fixtures");
}
