using Spectre.Console;
using ZarrCache.Cli.Commands;

namespace ZarrCache.Tests.Cli.Commands;

public class WarmProgressViewTests
{
    [Fact]
    public void A_progress_line_shows_done_of_total_bytes_and_rate()
    {
        var view = new WarmProgressView(null, TextWriter.Null, "chunks", 40);

        var text = view.Describe(new WarmProgress(12, 40, 3L << 20, TimeSpan.FromSeconds(2)));

        Assert.Equal("12/40 chunks, 3.0 MiB, 1.5 MiB/s", text);
    }

    [Fact]
    public void Without_a_total_the_line_shows_only_what_is_done()
    {
        var view = new WarmProgressView(null, TextWriter.Null, "keys", null);

        Assert.StartsWith("7 keys, ", view.Describe(new WarmProgress(7, null, 0, TimeSpan.Zero)), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_mode_remembers_the_last_report_and_writes_no_escape_codes()
    {
        using var output = new StringWriter();
        var view = new WarmProgressView(null, output, "chunks", 3);

        view.Report(new WarmProgress(1, 3, 10, TimeSpan.FromMilliseconds(1)));
        view.Report(new WarmProgress(2, 3, 20, TimeSpan.FromMilliseconds(2)));

        Assert.Equal(2, view.Last?.KeysDone);
        Assert.DoesNotContain('\u001b', output.ToString());
    }

    [Fact]
    public async Task An_interactive_console_draws_a_progress_bar_with_the_figures()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        var view = new WarmProgressView(console, TextWriter.Null, "chunks", 4);

        var value = await view.RunAsync(() =>
        {
            view.Report(new WarmProgress(4, 4, 2048, TimeSpan.FromSeconds(1)));
            return Task.FromResult(42);
        });

        Assert.Equal(42, value);
        var text = output.ToString();
        Assert.Contains("4/4 chunks, 2.0 KiB, 2.0 KiB/s", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
    }
}
