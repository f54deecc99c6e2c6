using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Examples;

/// <summary>The README's example is examples/BasicUsage: the README must show exactly that program, and it must run.</summary>
public class BasicUsageTests
{
    private static string ProgramPath => Path.Combine(RepoPaths.Root, "examples", "BasicUsage", "Program.cs");

    [Fact]
    public void The_readme_shows_the_example_program_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(ProgramPath).ReplaceLineEndings("\n");
        const string marker = "<!-- example: examples/BasicUsage/Program.cs -->\n```csharp\n";

        var start = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no example block marked with " + marker.Trim());
        var body = readme[(start + marker.Length)..];
        var block = body[..body.IndexOf("```\n", StringComparison.Ordinal)];

        Assert.Equal(program, block);
    }

    [Fact]
    public async Task The_example_program_runs_and_reads_the_second_time_from_memory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "zarrcache-example-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output, errors) = await ExampleProgram.RunAsync("BasicUsage", folder);

            Assert.True(exitCode == 0, errors);
            Assert.Equal("read 4096 and 4096 bytes; hits 1, misses 1, origin reads 1", output.Trim());
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
