using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// Shows how a warm-up progresses: a Spectre.Console progress bar (chunks done/total, bytes, rate) on an interactive
/// terminal, otherwise a plain line at most once every <see cref="PlainInterval"/> so redirected output and CI logs
/// stay readable. Thread-safe: <see cref="CachedStore.WarmAsync(IReadOnlyCollection{StoreKey}, WarmOptions?, IProgress{WarmProgress}?, CancellationToken)"/>
/// reports from its workers.
/// </summary>
internal sealed class WarmProgressView : IProgress<WarmProgress>
{
    /// <summary>How often a plain progress line is written at most.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly IAnsiConsole? _console;
    private readonly TextWriter _plain;
    private readonly string _unit;
    private readonly long? _total;
    private ProgressTask? _task;
    private long _lastLine = Stopwatch.GetTimestamp();

    /// <summary>Creates a view.</summary>
    /// <param name="console">A console to draw a live progress bar on; null writes plain lines to <paramref name="plain"/>.</param>
    /// <param name="plain">Where plain lines go.</param>
    /// <param name="unit">What is counted: <c>chunks</c> or <c>keys</c>.</param>
    /// <param name="total">How many there are, when known in advance.</param>
    public WarmProgressView(IAnsiConsole? console, TextWriter plain, string unit, long? total)
    {
        _console = console;
        _plain = plain;
        _unit = unit;
        _total = total;
    }

    /// <summary>The latest report (null before the first).</summary>
    public WarmProgress? Last { get; private set; }

    /// <summary>Whether the command line's output is a terminal that can show a live progress bar.</summary>
    /// <param name="output">The command's output writer.</param>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
        && !Console.IsOutputRedirected
        && AnsiConsole.Profile.Capabilities.Interactive
        && AnsiConsole.Profile.Capabilities.Ansi;

    /// <inheritdoc />
    public void Report(WarmProgress value)
    {
        lock (_lock)
        {
            Last = value;
            if (_task is { } task)
            {
                task.Description = Markup.Escape(Describe(value));
                if (_total is not null)
                {
                    task.Value = value.KeysDone;
                }

                return;
            }

            if (_console is null && Stopwatch.GetElapsedTime(_lastLine) >= PlainInterval)
            {
                _lastLine = Stopwatch.GetTimestamp();
                _plain.WriteLine("  " + Describe(value));
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> while showing its progress.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="work">The warm-up.</param>
    /// <returns>What the work returned.</returns>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (_console is null)
        {
            return await work().ConfigureAwait(false);
        }

        return await _console.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                lock (_lock)
                {
                    _task = context.AddTask(Markup.Escape(Describe(new WarmProgress(0, _total, 0, TimeSpan.Zero))), maxValue: Math.Max(1, _total ?? 1));
                    _task.IsIndeterminate = _total is null;
                }

                var value = await work().ConfigureAwait(false);
                lock (_lock)
                {
                    _task.IsIndeterminate = false;
                    _task.Value = _task.MaxValue;
                    _task.StopTask();
                }

                return value;
            }).ConfigureAwait(false);
    }

    /// <summary>One progress line: <c>12/40 chunks, 3.1 MiB, 1.2 MiB/s</c>.</summary>
    /// <param name="value">The progress.</param>
    /// <returns>The text.</returns>
    internal string Describe(WarmProgress value)
    {
        var done = value.KeysDone.ToString(CultureInfo.InvariantCulture);
        var count = _total is { } total ? $"{done}/{total.ToString(CultureInfo.InvariantCulture)}" : done;
        return $"{count} {_unit}, {Sizes.Format(value.BytesWarmed)}, {Sizes.Format((long)value.BytesPerSecond)}/s";
    }
}
