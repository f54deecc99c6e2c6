using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZarrCache.Zarr;

namespace ZarrCache.Cli;

/// <summary>
/// The one place that turns an exception into what the user sees: one line <c>error: …</c> (and at most one
/// <c>hint: …</c> line saying what to do), and the exit code. <c>--verbose</c> adds the exception chain; without it no
/// stack trace is ever printed.
/// </summary>
/// <remarks>
/// Exit codes: <see cref="Usage"/> (2) for what the user typed (a bad option value, a missing folder, an array or
/// selection that is not there, something the origin cannot do such as listing over plain HTTP); <see cref="Failure"/>
/// (1) for the data or the origin (corrupt metadata or chunks, an origin that refuses, is down, or finds no
/// credentials, a local I/O error); <see cref="Cancelled"/> (130) after Ctrl+C.
/// </remarks>
internal static partial class CliErrors
{
    /// <summary>An error in the data or the origin.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: an option, argument, path or selection the user gave.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>What the user sees of one exception.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Message">The one-line error, without the <c>error: </c> prefix.</param>
    /// <param name="Hint">What to do, or null.</param>
    internal sealed record Report(int ExitCode, string Message, string? Hint);

    /// <summary>A command action whose exceptions end as <see cref="Describe"/> says.</summary>
    /// <param name="action">The command's work; returns its exit code.</param>
    /// <param name="store">The command's store argument, if it has one: a failure of the data or origin names it first.</param>
    /// <returns>The action to give <see cref="Command.SetAction(Func{ParseResult, CancellationToken, Task{int}})"/>.</returns>
    public static Func<ParseResult, CancellationToken, Task<int>> Guard(Func<ParseResult, CancellationToken, Task<int>> action, Argument<string>? store = null) =>
        async (result, cancellationToken) =>
        {
            try
            {
                return await action(result, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The CLI's top: every exception ends as one line and an exit code, never a trace.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var report = e is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? new Report(Cancelled, "cancelled.", null)
                    : Describe(e);
                if (report.ExitCode == Failure && store is not null && result.GetValue(store) is { Length: > 0 } location)
                {
                    report = report with { Message = location + ": " + report.Message };
                }

                await WriteAsync(result.InvocationConfiguration.Error, report, result.GetValue<bool>(CliApp.VerboseName) ? e : null).ConfigureAwait(false);
                return report.ExitCode;
            }
        };

    /// <summary>Writes a report: <c>error: …</c>, then <c>hint: …</c>, then with <paramref name="detail"/> the exception chain.</summary>
    public static async Task WriteAsync(TextWriter error, Report report, Exception? detail)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(report);
        await error.WriteLineAsync(UrlRedaction.Redact("error: " + report.Message)).ConfigureAwait(false);
        if (report.Hint is not null)
        {
            await error.WriteLineAsync(UrlRedaction.Redact("hint: " + report.Hint)).ConfigureAwait(false);
        }

        if (detail is not null)
        {
            await error.WriteLineAsync("detail (--verbose):").ConfigureAwait(false);
            await error.WriteLineAsync(UrlRedaction.Redact(detail.ToString())).ConfigureAwait(false);
        }
    }

    /// <summary>What an exception means to the user: its exit code, its one line, and what to do.</summary>
    /// <param name="e">The exception.</param>
    /// <returns>The report.</returns>
    public static Report Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = MessageOf(e);
        return e switch
        {
            MissingCredentialsException => new Report(Failure, message,
                "for a public bucket add --anonymous; otherwise set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE naming a profile in ~/.aws/credentials."),
            ZarrNodeNotFoundException => new Report(Usage, message, null),
            ZarrCacheException or IOException or UnauthorizedAccessException or JsonException => new Report(Failure, message, null),
            ArgumentException or FormatException => new Report(Usage, message, null),
            NotSupportedException => new Report(Usage, message, null),
            OperationCanceledException => new Report(Failure, "timed out: " + message, null),
            _ => new Report(Failure, $"unexpected {e.GetType().Name}: {message}", "run again with --verbose for the details, and report it if it is a bug."),
        };
    }

    /// <summary>
    /// An exception's message on one line, without the <c> (Parameter 'x')</c> and <c>Actual value was …</c> tails
    /// argument exceptions add.
    /// </summary>
    public static string MessageOf(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: not null })
        {
            var actual = text.LastIndexOf("\nActual value was ", StringComparison.Ordinal);
            text = actual >= 0 ? text[..actual] : text;
        }

        text = ParameterTail().Replace(text, string.Empty);
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterTail();

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex Whitespace();
}
