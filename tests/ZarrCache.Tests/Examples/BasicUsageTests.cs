using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Examples;

/// <summary>The README's example is examples/BasicUsage: the README must show exactly that program, and it must run.</summary>
public class BasicUsageTests
{
    [Fact]
    public void The_readme_shows_the_example_program_verbatim() => ExamplePrograms.AssertReadmeShows("BasicUsage");

    [Fact]
    public async Task The_example_program_runs_and_reads_the_second_time_from_memory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "zarrcache-example-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = await ExamplePrograms.RunAsync("BasicUsage", folder);
            Assert.Equal("read 4096 and 4096 bytes; hits 1, misses 1, origin reads 1", output);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
