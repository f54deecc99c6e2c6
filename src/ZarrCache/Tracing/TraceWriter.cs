using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace ZarrCache;

/// <summary>
/// Records an access trace in the binary format of docs/traces.md: an <see cref="IAccessObserver"/> that a store calls
/// on every request. A record is encoded into a 64 KiB buffer under a short lock; a full buffer is handed to a writer
/// thread of its own, which writes it to the stream, so readers never wait for the file. A record costs a few bytes and
/// no allocation once its key has been seen (a new key costs its dictionary entry).
/// </summary>
/// <remarks>
/// Thread-safe: concurrent readers of one store share one writer. Times are stamped under the lock, so they never go
/// backwards in the file. At most <see cref="MaxPendingBuffers"/> full buffers wait for the writer thread; past that a
/// reader waits for it (the trace stays complete). The writer never throws from <see cref="OnAccess"/>: if the stream
/// fails, it stops recording and <see cref="Flush"/> and <see cref="Dispose"/> rethrow the failure. Records that arrive
/// after <see cref="Dispose"/> are dropped. Dispose the writer (or flush it) before reading the file: a process that
/// ends without doing so loses the records still buffered, and the file ends at its last whole record written.
/// </remarks>
public sealed class TraceWriter : IAccessObserver, IDisposable
{
    /// <summary>Full buffers that may wait for the writer thread before a reader waits too (4 MiB).</summary>
    public const int MaxPendingBuffers = 64;

    private const int BufferLength = 64 * 1024;
    private readonly Lock _sync = new();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly long _startTimestamp;
    private readonly BlockingCollection<Segment> _pending = new(MaxPendingBuffers);
    private readonly Thread _thread;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
    private int _length;
    private long _lastMicros;
    private long _records;
    private volatile Exception? _fault;
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
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "ZarrCache trace writer" };
        _thread.Start();
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
            Reserve(1 + (3 * TraceFormat.MaxVarintBytes) + keyBytes);
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

    /// <summary>Writes the records recorded so far to the stream and flushes it; returns when they are written.</summary>
    /// <exception cref="IOException">A write to the stream failed (recording stopped then).</exception>
    public void Flush()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            if (_disposed)
            {
                ThrowIfFaulted();
                return;
            }

            HandOff();
            _pending.Add(new Segment(null, 0, flushed));
        }

        flushed.Task.GetAwaiter().GetResult();
        ThrowIfFaulted();
    }

    /// <summary>Writes the records recorded so far, stops the writer thread and closes the stream (unless it was left open).</summary>
    /// <exception cref="IOException">A write to the stream failed (recording stopped then).</exception>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            HandOff();
            _disposed = true;
            _pending.CompleteAdding();
        }

        _thread.Join();
        _pending.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }

        ThrowIfFaulted();
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

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new IOException($"Writing the access trace failed, so recording stopped: {fault.Message}", fault);
        }
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes: hands a full buffer to the writer thread, and takes a larger one for a huge key.</summary>
    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return;
        }

        HandOff();
        if (bytes > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(bytes);
        }
    }

    /// <summary>Queues the buffered bytes for the writer thread (waiting while <see cref="MaxPendingBuffers"/> are queued) and takes a fresh buffer.</summary>
    private void HandOff()
    {
        if (_length == 0)
        {
            return;
        }

        _pending.Add(new Segment(_buffer, _length, null));
        _buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        _length = 0;
    }

    /// <summary>The writer thread: writes queued buffers in order, and flushes the stream where a flush was asked for.</summary>
    private void WriteLoop()
    {
        foreach (var segment in _pending.GetConsumingEnumerable())
        {
            if (segment.Buffer is { } buffer)
            {
                Try(() => _stream.Write(buffer, 0, segment.Length));
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (segment.Flushed is { } flushed)
            {
                Try(_stream.Flush);
                flushed.TrySetResult();
            }
        }

        Try(_stream.Flush);
    }

    private void Try(Action write)
    {
        if (_fault is not null)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            _fault = e;
        }
    }

    /// <summary>A unit of the writer thread's work: bytes to write, and/or a flush to signal when done.</summary>
    private readonly record struct Segment(byte[]? Buffer, int Length, TaskCompletionSource? Flushed);
}
