using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZarrCache.AotSmoke;

/// <summary>
/// Listens to the <c>ZarrCache</c> meter and activity source as a monitoring agent would: every instrument published,
/// the observable readings of one cache on demand, and the origin-read spans stopped.
/// </summary>
internal sealed class TelemetryProbe : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly SortedSet<string> _instruments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _readings = new(StringComparer.Ordinal);
    private string _cache = "";
    private int _originSpans;

    public TelemetryProbe()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ZarrCacheDiagnostics.Name)
            {
                lock (_instruments)
                {
                    _instruments.Add(instrument.Name);
                }

                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>(OnMeasurement);
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ZarrCacheDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "zarrcache.origin.read" && activity.GetTagItem("zarrcache.key") is string)
                {
                    Interlocked.Increment(ref _originSpans);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);
    }

    /// <summary>The names of the instruments the meter published, in order.</summary>
    public IReadOnlyList<string> Instruments
    {
        get
        {
            lock (_instruments)
            {
                return [.. _instruments];
            }
        }
    }

    /// <summary>The <c>zarrcache.origin.read</c> spans stopped so far.</summary>
    public int OriginSpans => Volatile.Read(ref _originSpans);

    /// <summary>Collects the observable instruments now: the readings tagged with the cache <paramref name="name"/>, by instrument (and <c>/result</c>).</summary>
    public IReadOnlyDictionary<string, long> Read(string name)
    {
        lock (_readings)
        {
            _readings.Clear();
            _cache = name;
            _meters.RecordObservableInstruments();
            return new Dictionary<string, long>(_readings, StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? cache = null;
        string? result = null;
        foreach (var (key, tag) in tags)
        {
            cache = key == "zarrcache.cache" ? tag as string : cache;
            result = key == "result" ? tag as string : result;
        }

        if (cache == _cache)
        {
            _readings[result is null ? instrument.Name : $"{instrument.Name}/{result}"] = value;
        }
    }
}
