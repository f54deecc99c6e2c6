namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>The zarrita fixture files, as store keys relative to the zarrita-fixtures folder.</summary>
internal static class Fixtures
{
    public const string ChunkedArray = "v2/data.zarr/3d.chunked.i2";
    public const string V3Array = "v3/data.zarr/2d.chunked.i2";
    public const string SmallKey = "v2/data.zarr/1d.contiguous.i4/.zarray";

    public static string Root => OriginServers.ZarritaFixtures();

    public static byte[] Bytes(string key) => File.ReadAllBytes(Path.Combine(Root, key));

    /// <summary>Every file under a folder of the fixtures, as keys.</summary>
    public static IReadOnlyList<string> KeysUnder(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
