using System.Buffers.Binary;
using System.Text;

namespace ZarrCache;

/// <summary>
/// Reads an access trace written by <see cref="TraceWriter"/> (docs/traces.md), record by record. A damaged trace
/// throws <see cref="TraceFormatException"/> naming the byte offset of the record at fault: a bad header, a record cut
/// short by the end of the file, a tag with reserved bits set, a key number never defined, an over-long varint, key or size, or a
/// key that is not valid UTF-8.
/// </summary>
public sealed class TraceReader : IDisposable
{
    private const int BufferLength = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _name;
    private readonly List<string> _keys = [];
    private readonly byte[] _buffer = new byte[Math.Max(BufferLength, TraceFormat.MaxKeyBytes)];
    private int _position;
    private int _end;
    private long _bufferOffset;
    private long _recordOffset;
    private long _micros;

    /// <summary>Opens a trace on <paramref name="stream"/> and checks its header.</summary>
    /// <param name="stream">A readable stream positioned at the trace's first byte.</param>
    /// <param name="name">What to call the trace in error messages (its path); "trace" if null.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    /// <exception cref="TraceFormatException">The header is missing or is not that of a version-1 trace.</exception>
    public TraceReader(Stream stream, string? name = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _name = name ?? "trace";
        _leaveOpen = leaveOpen;
        if (!Fill(TraceFormat.HeaderLength))
        {
            throw Corrupt(0, $"truncated header ({_end} of {TraceFormat.HeaderLength} bytes)");
        }

        if (!_buffer.AsSpan(0, TraceFormat.Magic.Length).SequenceEqual(TraceFormat.Magic))
        {
            throw Corrupt(0, "not a ZarrCache access trace (the file does not start with ZCTRACE version 1)");
        }

        Started = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(8)));
        _position = TraceFormat.HeaderLength;
    }

    /// <summary>When the trace was started (wall clock, millisecond resolution).</summary>
    public DateTimeOffset Started { get; }

    /// <summary>The distinct keys read so far, by key number.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Opens the trace file at <paramref name="path"/>.</summary>
    /// <param name="path">The trace file.</param>
    public static TraceReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1), path);

    /// <summary>Reads the next record.</summary>
    /// <param name="record">The record; default at the end of the trace.</param>
    /// <returns>Whether a record was read (false at the end of the trace).</returns>
    /// <exception cref="TraceFormatException">The record is truncated or corrupt; the message names its byte offset.</exception>
    public bool TryRead(out TraceRecord record)
    {
        record = default;
        _recordOffset = _bufferOffset + _position;
        if (!TryReadByte(out var tag))
        {
            return false;
        }

        var tier = (tag >> TraceFormat.TierShift) & TraceFormat.TierMask;
        if ((tag & TraceFormat.ReservedBits) != 0)
        {
            throw Corrupt(_recordOffset, $"invalid tag byte 0x{tag:X2}");
        }

        var delta = ReadVarint("time");
        if (delta > (ulong)((long.MaxValue / 2) - _micros))
        {
            throw Corrupt(_recordOffset, "time out of range");
        }

        _micros += (long)delta;
        int id;
        if ((tag & TraceFormat.NewKeyBit) != 0)
        {
            var length = ReadVarint("key length");
            if (length is 0 or > TraceFormat.MaxKeyBytes)
            {
                throw Corrupt(_recordOffset, $"key length {length} is out of range (1..{TraceFormat.MaxKeyBytes})");
            }

            id = _keys.Count;
            _keys.Add(ReadKey((int)length));
        }
        else
        {
            var number = ReadVarint("key number");
            if (number >= (ulong)_keys.Count)
            {
                throw Corrupt(_recordOffset, $"key number {number} was never defined ({_keys.Count} keys so far)");
            }

            id = (int)number;
        }

        var size = ReadVarint("size");
        if (size > TraceFormat.MaxSize)
        {
            throw Corrupt(_recordOffset, $"size {size} is out of range");
        }

        var outcome = (tag & TraceFormat.HitBit) != 0 ? AccessOutcome.Hit : AccessOutcome.Miss;
        record = new TraceRecord(TimeSpan.FromMicroseconds(_micros), id, _keys[id], (long)size, outcome, (AccessTier)tier);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private string ReadKey(int length)
    {
        if (!Fill(length))
        {
            throw Corrupt(_recordOffset, $"truncated record: its key needs {length} bytes, {_end - _position} remain");
        }

        try
        {
            var key = StrictUtf8.GetString(_buffer, _position, length);
            _position += length;
            return key;
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt(_recordOffset, "the key is not valid UTF-8");
        }
    }

    private ulong ReadVarint(string field)
    {
        ulong value = 0;
        for (var shift = 0; shift < 7 * TraceFormat.MaxVarintBytes; shift += 7)
        {
            if (!TryReadByte(out var b))
            {
                throw Corrupt(_recordOffset, $"truncated record: the file ends inside its {field}");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Corrupt(_recordOffset, $"its {field} is longer than {TraceFormat.MaxVarintBytes} bytes");
    }

    private bool TryReadByte(out byte value)
    {
        if (_position < _end || Fill(1))
        {
            value = _buffer[_position++];
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Makes <paramref name="count"/> bytes available from <see cref="_position"/>; false if the stream ends first.</summary>
    private bool Fill(int count)
    {
        if (_end - _position >= count)
        {
            return true;
        }

        if (_position > 0)
        {
            _buffer.AsSpan(_position, _end - _position).CopyTo(_buffer);
            _bufferOffset += _position;
            _end -= _position;
            _position = 0;
        }

        while (_end < count)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    private TraceFormatException Corrupt(long offset, string problem) =>
        new($"{_name}: corrupt access trace at byte offset {offset}: {problem}.", offset);
}
