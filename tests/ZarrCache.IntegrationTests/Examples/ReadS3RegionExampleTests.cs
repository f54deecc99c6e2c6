using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.IntegrationTests.Examples;

/// <summary>The README's S3 example is examples/ReadS3Region: the README shows exactly that program, and it reads the region from s3rver.</summary>
public sealed class ReadS3RegionExampleTests
{
    private const string Name = "ReadS3Region";

    [Fact]
    public void The_readme_shows_the_S3_example_program_verbatim() => ExamplePrograms.AssertReadmeShows(Name);

    [Fact]
    public async Task The_S3_example_reads_the_region_the_local_fixture_holds()
    {
        var server = OriginServers.S3();
        var local = await ZarrArray.OpenAsync(new FileSystemStore(Path.Combine(Fixtures.Root, "v2", "data.zarr")), "3d.chunked.i2");
        var expected = await local.ReadAsync<short>(ArraySelection.Parse("0:2, 1, 1:3"));

        var output = await ExamplePrograms.RunAsync(Name, $"s3://{server.Bucket}/v2/data.zarr", server.Endpoint.ToString());

        Assert.Equal($"[2, 2]: {string.Join(" ", expected.Data)}", output);
    }
}
