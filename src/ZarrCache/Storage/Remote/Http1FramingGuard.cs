using System.Net.Sockets;

namespace ZarrCache;

/// <summary>
/// Watches the plaintext bytes of one HTTP/1.x connection (installed as <see cref="SocketsHttpHandler.PlaintextStreamFilter"/>)
/// and fails the read that carries bytes after a response whose <c>Content-Length</c> (or whose kind: HEAD, 204, 304)
/// said it had ended. <see cref="HttpClient"/> would drop such bytes silently and hand out the announced prefix as the
/// whole body. Chunked and close-delimited responses are left to the client and the store.
/// </summary>
internal sealed class Http1FramingGuard : Stream
{
    private const int MaxLine = 16 * 1024;
    private readonly Stream _inner;
    private readonly Lock _gate = new();
    private readonly byte[] _line = new byte[MaxLine];
    private int _lineLength;
    private State _state = State.Idle;
    private bool _head;
    private int _status;
    private long? _contentLength;
    private bool _otherFraming;
    private long _remaining;
    private string? _ended;
    private OriginFramingException? _fault;

    public Http1FramingGuard(Stream inner) => _inner = inner;

    private enum State
    {
        Idle,
        StatusLine,
        Headers,
        Body,
        Done,
        Unchecked,
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(buffer);
        Inspect(buffer[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..n]);
        return n;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        OnWrite(buffer);
        _inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        OnWrite(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void OnWrite(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (bytes.IsEmpty || _state is State.StatusLine or State.Headers or State.Body)
            {
                // Empty, or more of a request whose response has not ended (a request body).
                return;
            }

            // A new request starts with its method.
            _head = bytes.StartsWith("HEAD "u8);
            _state = State.StatusLine;
            _lineLength = 0;
        }
    }

    private void Inspect(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            if (_fault is not null)
            {
                throw _fault;
            }

            var wasDone = _state == State.Done;
            var i = 0;
            while (i < data.Length)
            {
                switch (_state)
                {
                    case State.Done:
                        throw Fail(data.Length - i);
                    case State.Idle:
                    case State.Unchecked:
                        // Bytes before any request, or after a response the client frames itself.
                        _state = State.Unchecked;
                        return;
                    case State.Body:
                        var take = (int)Math.Min(_remaining, data.Length - i);
                        _remaining -= take;
                        i += take;
                        if (_remaining == 0)
                        {
                            _state = State.Done;
                        }

                        break;
                    default:
                        var newline = data[i..].IndexOf((byte)'\n');
                        var part = newline < 0 ? data[i..] : data.Slice(i, newline);
                        if (_lineLength + part.Length > MaxLine)
                        {
                            _state = State.Unchecked;
                            return;
                        }

                        part.CopyTo(_line.AsSpan(_lineLength));
                        _lineLength += part.Length;
                        if (newline < 0)
                        {
                            return;
                        }

                        i += newline + 1;
                        var line = _line.AsSpan(0, _lineLength);
                        _lineLength = 0;
                        OnLine(line.EndsWith("\r"u8) ? line[..^1] : line);
                        break;
                }
            }

            // The response ended with this read: bytes already waiting behind it are extra too.
            if (!wasDone && _state == State.Done && _inner is NetworkStream network && network.DataAvailable)
            {
                throw Fail(network.Socket.Available);
            }
        }
    }

    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (_state == State.StatusLine)
        {
            if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || !int.TryParse(line.Slice(9, 3), out _status))
            {
                _state = State.Unchecked;
                return;
            }

            _contentLength = null;
            _otherFraming = false;
            _state = State.Headers;
            return;
        }

        if (!line.IsEmpty)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return;
            }

            var name = line[..colon].Trim((byte)' ');
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
                    || (_contentLength is { } earlier && earlier != length))
                {
                    // Malformed or conflicting: the client refuses the response itself.
                    _otherFraming = true;
                }

                _contentLength = length;
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                _otherFraming = true;
            }

            return;
        }

        // The end of the header block.
        if (_status is >= 100 and < 200 && _status != 101)
        {
            _state = State.StatusLine;
        }
        else if (_status == 101 || _otherFraming)
        {
            _state = State.Unchecked;
        }
        else if (_head || _status is 204 or 304)
        {
            _ended = _head ? "an answer to HEAD" : FormattableString.Invariant($"a {_status} answer");
            _state = State.Done;
        }
        else if (_contentLength is { } length)
        {
            _ended = FormattableString.Invariant($"its Content-Length of {length} bytes");
            _remaining = length;
            _state = length == 0 ? State.Done : State.Body;
        }
        else
        {
            _state = State.Unchecked;
        }
    }

    private OriginFramingException Fail(int extra)
    {
        _state = State.Unchecked;
        _fault = new OriginFramingException(FormattableString.Invariant(
            $"the origin sent more bytes than {_ended} announced ({extra} more arrived), so the body it meant is longer than the one it framed"));
        return _fault;
    }
}
