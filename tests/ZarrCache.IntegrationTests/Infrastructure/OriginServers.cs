namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// Where scripts/test.sh started s3rver and nginx (scripts/lib/origins.sh exports the variables). A test that needs a
/// server fails with a clear message when its variables are missing: run the tests through `bash scripts/test.sh`.
/// </summary>
internal static class OriginServers
{
    public static S3Server S3()
    {
        var endpoint = Require("ZARRCACHE_S3_ENDPOINT");
        return new S3Server(new Uri(endpoint), Require("ZARRCACHE_S3_BUCKET"), new ServerLog(Require("ZARRCACHE_S3_LOG")));
    }

    public static HttpServer Http() =>
        new(new Uri(Require("ZARRCACHE_HTTP_BASE")), Require("ZARRCACHE_HTTP_ROOT"), new ServerLog(Require("ZARRCACHE_HTTP_ACCESS_LOG")));

    /// <summary>The zarrita fixtures folder (../shared/testdata/zarrita-fixtures from the repo root).</summary>
    public static string ZarritaFixtures()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZarrCache.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.True(dir is not null, "ZarrCache.slnx not found above " + AppContext.BaseDirectory);
        var path = Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "testdata", "zarrita-fixtures"));
        Assert.True(Directory.Exists(path), $"The golden data folder {path} is missing (it lives beside the repo as ../shared/testdata).");
        return path;
    }

    /// <summary>The value of a variable scripts/test.sh exports for a server; fails the test clearly when it is missing.</summary>
    internal static string Require(string name, string servers = "s3rver, nginx")
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: a missing server is a failure)" : string.Empty;
            Assert.Fail($"{name} is not set{ci}: this test needs the servers scripts/test.sh starts ({servers}); run `bash scripts/test.sh`.");
        }

        return value!;
    }
}

internal sealed record S3Server(Uri Endpoint, string Bucket, ServerLog Log);

internal sealed record HttpServer(Uri BaseUri, string Root, ServerLog Log)
{
    /// <summary>The URL of the served copy of ../shared/testdata/zarrita-fixtures.</summary>
    public Uri Zarrita => new(BaseUri, "testdata/zarrita-fixtures/");
}
