using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace ZarrCache;

/// <summary>
/// Records an access trace in the binary format of docs/traces.md: an <see cref="IAccessObserver"/> that a store calls
/// on every request. Records are encoded into a 64 KiB buffer under a lock and written to the stream when it fills, so
/// a record costs a few bytes and no allocation once its key has been seen (a new key costs its dictionary entry).
/// </summary>
/// <remarks>
/// Thread-safe: concurrent readers of one store share one writer. Times are stamped under the lock, so they never go
/// backwards in the file. The writer never throws from <see cref="OnAccess"/>: if the stream fails, it stops recording
/// and <see cref="Flush"/> and <see cref="Dispose"/> rethrow the failure. Records that arrive after
/// <see cref="Dispose"/> are dropped.
/// </remarks>
public sealed class TraceWriter : IAccessObserver, IDisposable
{
    private const int BufferLength = 64 * 1024;
    private readonly Lock _sync = new();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly long _startTimestamp;
    private byte[] _buffer = new byte[BufferLength];
    private int _length;
    private long _lastMicros;
    private long _records;
    private Exception? _fault;
    private bool _disposed;

    /// <summary>Starts a trace on <paramref name="stream"/>, writing its header at once.</summary>
    /// <param name="stream">A writable stream, positioned where the trace starts.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public TraceWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The trace stream is not writable.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        _startTimestamp = Stopwatch.GetTimestamp();
        TraceFormat.Magic.CopyTo(_buffer);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(8), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _length = TraceFormat.HeaderLength;
    }

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and starts a trace in it.</summary>
    /// <param name="path">The trace file.</param>
    public static TraceWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1));

    /// <summary>Records written so far (buffered ones included).</summary>
    public long Records => Volatile.Read(ref _records);

    /// <inheritdoc />
    public void OnAccess(StoreKey key, long size, AccessOutcome outcome, AccessTier tier)
    {
        var text = key.Value;
        lock (_sync)
        {
            if (_disposed || _fault is not null)
            {
                return;
            }

            var micros = (long)Stopwatch.GetElapsedTime(_startTimestamp).TotalMicroseconds;
            var delta = Math.Max(0, micros - _lastMicros);
            _lastMicros += delta;
            var known = _keyIds.TryGetValue(text, out var id);
            var keyBytes = known ? 0 : Encoding.UTF8.GetByteCount(text);
            if (!Reserve(1 + (3 * TraceFormat.MaxVarintBytes) + keyBytes))
            {
                return;
            }

            var tag = (byte)((outcome == AccessOutcome.Hit ? TraceFormat.HitBit : 0) | (((byte)tier & TraceFormat.TierMask) << TraceFormat.TierShift));
            var span = _buffer.AsSpan(_length);
            var at = 1;
            at += WriteVarint(span[at..], (ulong)delta);
            if (known)
            {
                at += WriteVarint(span[at..], (ulong)id);
            }
            else
            {
                tag |= TraceFormat.NewKeyBit;
                _keyIds.Add(text, _keyIds.Count);
                at += WriteVarint(span[at..], (ulong)keyBytes);
                at += Encoding.UTF8.GetBytes(text, span[at..]);
            }

            span[0] = tag;
            at += WriteVarint(span[at..], (ulong)Math.Max(0, size));
            _length += at;
            _records++;
        }
    }

    /// <summary>Writes the buffered records to the stream and flushes it.</summary>
    /// <exception cref="IOException">An earlier write to the stream failed (recording stopped then).</exception>
    public void Flush()
    {
        lock (_sync)
        {
            if (!_disposed)
            {
                Drain();
                if (_fault is null)
                {
                    _stream.Flush();
                }
            }

            ThrowIfFaulted();
        }
    }

    /// <summary>Flushes the buffered records and closes the stream (unless it was left open).</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                Drain();
                if (_fault is null)
                {
                    _stream.Flush();
                }
            }
            finally
            {
                _disposed = true;
                if (!_leaveOpen)
                {
                    _stream.Dispose();
                }
            }

            ThrowIfFaulted();
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is not null)
        {
            throw new IOException($"Writing the access trace failed, so recording stopped: {_fault.Message}", _fault);
        }
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes, draining the buffer (or growing it for a huge key).</summary>
    private bool Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return true;
        }

        Drain();
        if (bytes > _buffer.Length)
        {
            _buffer = new byte[bytes];
        }

        return _fault is null;
    }

    private void Drain()
    {
        if (_length == 0 || _fault is not null)
        {
            return;
        }

        try
        {
            _stream.Write(_buffer, 0, _length);
            _length = 0;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            _fault = e;
        }
    }

    private static int WriteVarint(Span<byte> span, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }
}
