using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// A logger that keeps every line at every level (Trace included): the formatted message, every structured value and
/// the exception's ToString().
/// </summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        Lines.Enqueue("scope: " + state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (name, value) in values)
            {
                Lines.Enqueue($"{logLevel}: {name}={value}");
            }
        }

        if (exception is not null)
        {
            Lines.Enqueue($"{logLevel}: {exception}");
        }
    }
}
