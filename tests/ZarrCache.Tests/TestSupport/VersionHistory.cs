using System.Buffers.Binary;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// The committed history of a set of keys, and a checker of reads against it: a read that began after an operation
/// completed must see that operation or a later one (never an older version, never "missing" while the origin had a
/// value, never another key's value). Every key has one writer at a time, so its operations are totally ordered.
/// </summary>
/// <remarks>
/// Values are <see cref="ValueLength"/> bytes of 8-byte words, each word <c>keyId * 2^32 + version</c>, so any
/// 8-byte-aligned range of a value tells which key and version it came from.
/// </remarks>
internal sealed class VersionHistory
{
    public const int ValueLength = 256;
    private readonly List<Operation>[] _operations;
    private long _clock;
    private long _violations;
    private long _checked;
    private long _overlapping;
    private string? _firstViolation;

    public VersionHistory(int keyCount)
    {
        _operations = new List<Operation>[keyCount];
        for (var i = 0; i < keyCount; i++)
        {
            _operations[i] = [];
        }
    }

    /// <summary>Reads that were checked.</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Reads that saw an older version than one committed before they began, or a wrong value.</summary>
    public long Violations => Interlocked.Read(ref _violations);

    /// <summary>Reads whose interval overlapped an operation on the same key: the race the checker looks for.</summary>
    public long Overlapping => Interlocked.Read(ref _overlapping);

    /// <summary>Operations recorded, over all keys.</summary>
    public int Operations => _operations.Sum(list =>
    {
        lock (list)
        {
            return list.Count;
        }
    });

    /// <summary>The first violation, described.</summary>
    public string? FirstViolation => Volatile.Read(ref _firstViolation);

    /// <summary>A tick of the logical clock (a total order of begin and end events).</summary>
    public long Tick() => Interlocked.Increment(ref _clock);

    public static byte[] ValueOf(int keyId, long version)
    {
        var value = new byte[ValueLength];
        for (var i = 0; i < ValueLength; i += 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(i), ((long)keyId << 32) + version);
        }

        return value;
    }

    /// <summary>
    /// Records the start of an operation on a key (<paramref name="version"/> written, or deleted when null), before it
    /// runs; <see cref="Complete"/> records its end.
    /// </summary>
    /// <returns>The operation's index, for <see cref="Complete"/>.</returns>
    public int Begin(int keyId, long? version, long started)
    {
        var list = _operations[keyId];
        lock (list)
        {
            list.Add(new Operation(version, started, long.MaxValue));
            return list.Count - 1;
        }
    }

    /// <summary>Records the end of an operation that <see cref="Begin"/> recorded.</summary>
    public void Complete(int keyId, int index, long completed)
    {
        var list = _operations[keyId];
        lock (list)
        {
            list[index] = list[index] with { Completed = completed };
        }
    }

    /// <summary>Records an operation that has completed.</summary>
    public void Record(int keyId, long? version, long started, long completed) =>
        Complete(keyId, Begin(keyId, version, started), completed);

    /// <summary>Checks a whole-value or range read of <paramref name="keyId"/> that ran from <paramref name="began"/> to <paramref name="ended"/>.</summary>
    /// <param name="offset">Where the bytes start in the value (a multiple of 8).</param>
    public void Check(int keyId, long began, long ended, ReadOnlyMemory<byte>? bytes, int offset, int expectedLength, string what)
    {
        Interlocked.Increment(ref _checked);
        Operation[] ops;
        var list = _operations[keyId];
        lock (list)
        {
            ops = [.. list];
        }

        // The last operation completed before the read began: the read must see it or a later one.
        var floor = -1;
        for (var i = ops.Length - 1; i >= 0; i--)
        {
            if (ops[i].Completed < began)
            {
                floor = i;
                break;
            }
        }

        if (ops.Any(o => o.Started < ended && o.Completed > began))
        {
            Interlocked.Increment(ref _overlapping);
        }

        if (bytes is not { } value)
        {
            // Missing is right when the floor is a delete (or there is none), or a later delete had started.
            var ok = floor < 0 || ops[floor].Version is null;
            for (var i = floor + 1; !ok && i < ops.Length; i++)
            {
                ok = ops[i].Version is null && ops[i].Started < ended;
            }

            if (!ok)
            {
                Fail($"{what} of key {keyId} began at {began} and returned missing, but version {ops[floor].Version} was committed at {ops[floor].Completed}");
            }

            return;
        }

        if (value.Length != expectedLength || offset % 8 != 0 || value.Length % 8 != 0)
        {
            Fail($"{what} of key {keyId} returned {value.Length} bytes at offset {offset}, expected {expectedLength}");
            return;
        }

        var word = BinaryPrimitives.ReadInt64LittleEndian(value.Span);
        for (var i = 8; i < value.Length; i += 8)
        {
            if (BinaryPrimitives.ReadInt64LittleEndian(value.Span[i..]) != word)
            {
                Fail($"{what} of key {keyId} returned bytes mixed from two values");
                return;
            }
        }

        var (seenKey, seenVersion) = ((int)(word >> 32), word & 0xFFFFFFFF);
        if (seenKey != keyId)
        {
            Fail($"{what} of key {keyId} returned the value of key {seenKey}");
            return;
        }

        var index = Array.FindIndex(ops, o => o.Version == seenVersion);
        if (index < 0 || ops[index].Started >= ended)
        {
            Fail($"{what} of key {keyId} returned version {seenVersion}, which was not written before the read ended");
        }
        else if (index < floor)
        {
            Fail($"{what} of key {keyId} began at {began} and returned version {seenVersion}, older than {Describe(ops[floor])} committed at {ops[floor].Completed}");
        }
    }

    private static string Describe(Operation op) => op.Version is { } v ? $"version {v}" : "a delete";

    private void Fail(string message)
    {
        Interlocked.Increment(ref _violations);
        Interlocked.CompareExchange(ref _firstViolation, message, null);
    }

    private readonly record struct Operation(long? Version, long Started, long Completed);
}
