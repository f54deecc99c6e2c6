using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Examples;

/// <summary>examples/WorkerService: a host that reads an array zarr-python wrote through the store AddZarrCache registers.</summary>
public class WorkerServiceTests
{
    [Theory]
    [InlineData("Program.cs", "csharp")]
    [InlineData("appsettings.json", "json")]
    public void Docs_hosting_shows_the_example_files_verbatim(string file, string language)
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "hosting.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "examples", "WorkerService", file)).ReplaceLineEndings("\n");
        var marker = $"<!-- example: examples/WorkerService/{file} -->\n```{language}\n";

        var start = doc.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/hosting.md has no block marked with " + marker.Trim());
        var body = doc[(start + marker.Length)..];

        Assert.Equal(source, body[..body.IndexOf("```\n", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task The_worker_service_reads_the_array_and_the_second_read_costs_no_origin_request()
    {
        using var data = new TempDirectory();
        ExternalTool.RunPython($"import zarr, numpy as np; zarr.open('{data.Path}/temperature', mode='w', shape=(100, 10), chunks=(10, 10), dtype='f8')[:] = np.arange(1000).reshape(100, 10)");

        var output = await ExamplePrograms.RunAsync("WorkerService", $"--ZarrCache:Origin={data.Path}", "--Example:Array=temperature");

        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("read temperature: 1000 values, sum 499500; origin reads so far ", lines[0], StringComparison.Ordinal);
        var firstReads = lines[0].Split("origin reads so far ")[1].Split(',')[0];
        Assert.Equal($"read temperature: 1000 values, sum 499500; origin reads so far {firstReads}", lines[1].Split(", hits")[0]);
    }
}
