using ZarrCache.Cli;
using ZarrCache.Cli.Commands;

namespace ZarrCache.Tests.Cli.Commands;

public class DemoCommandTests
{
    [Fact]
    public async Task The_warm_pass_reads_nothing_from_the_origin()
    {
        var passes = await DemoCommand.RunAsync(chunkCount: 16, chunkSize: 4096, directory: null, CancellationToken.None);

        Assert.Equal(2, passes.Count);
        var (cold, warm) = (passes[0], passes[1]);
        Assert.Equal(16, cold.OriginReads);
        Assert.Equal(16 * 4096, cold.OriginBytes);
        Assert.Equal(0, cold.HitRatio);
        Assert.Equal(0, warm.OriginReads);
        Assert.Equal(0, warm.OriginBytes);
        Assert.Equal(1.0, warm.HitRatio);
        Assert.Equal(16 * 4096, warm.BytesRead);
    }

    [Fact]
    public async Task The_command_prints_a_table_with_both_passes()
    {
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });
        console.Profile.Width = 200;
        var previous = Spectre.Console.AnsiConsole.Console;
        Spectre.Console.AnsiConsole.Console = console;
        try
        {
            var exit = await CliApp.Build().Parse(["demo", "--chunks", "4", "--chunk-size", "1KiB"]).InvokeAsync();
            Assert.Equal(0, exit);
        }
        finally
        {
            Spectre.Console.AnsiConsole.Console = previous;
        }

        var text = output.ToString();
        Assert.Contains("origin reads", text, StringComparison.Ordinal);
        Assert.Contains("cold", text, StringComparison.Ordinal);
        Assert.Contains("warm", text, StringComparison.Ordinal);
        Assert.Contains("100.0 %", text, StringComparison.Ordinal);
    }
}
