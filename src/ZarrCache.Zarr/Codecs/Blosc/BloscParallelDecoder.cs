using System.Buffers;
using System.Runtime.ExceptionServices;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Decodes the blocks of one large frame on several threads, as c-blosc does with <c>nthreads</c>: the calling thread
/// and up to <c>ProcessorCount - 1</c> thread-pool workers claim blocks one at a time. The caller decodes its blocks
/// straight into the destination; a worker cannot hold the caller's span (and this assembly uses no pointers), so it
/// decodes into a staging array rented from the shared pool, which the caller copies over at the end. When no worker
/// gets to run (a busy pool), the caller decodes every block itself and waits for no one.
/// </summary>
internal sealed class BloscParallelDecoder
{
    /// <summary>
    /// Machines with fewer processors decode on the calling thread. On 2 cores (shared with other work) the parallel path
    /// never measured faster, 200 KB to 32 MiB, and was 10-20 % slower at 32 MiB (docs/benchmarks.md, "Blosc: blocks in
    /// parallel"); 4 cores and more are not measured yet.
    /// </summary>
    public const int MinProcessors = 4;

    /// <summary>Frames smaller than this decode on the calling thread.</summary>
    public const int MinBytes = 4 << 20;

    /// <summary>Frames with fewer blocks than this decode on the calling thread.</summary>
    public const int MinBlocks = 8;

    private readonly BloscHeader _header;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly byte[] _staging;
    private readonly bool[] _staged;
    private readonly object _gate = new();
    private int _next;
    private int _remaining;
    private volatile bool _failed;
    private Exception? _error;

    private BloscParallelDecoder(BloscHeader header, ReadOnlyMemory<byte> body, byte[] staging)
    {
        _header = header;
        _body = body;
        _staging = staging;
        _staged = new bool[header.BlockCount];
        _remaining = header.BlockCount;
    }

    /// <summary>Whether a validated frame is large enough, in bytes and blocks, for threads to pay off on this machine.</summary>
    public static bool IsWorthwhile(BloscHeader header) =>
        Environment.ProcessorCount >= MinProcessors && !header.IsMemcpyed && header.UncompressedSize >= MinBytes && header.BlockCount >= MinBlocks;

    /// <summary>Decodes a validated, compressed frame into exactly <paramref name="destination"/> (<c>header.UncompressedSize</c> bytes).</summary>
    public static void Decode(BloscHeader header, ReadOnlyMemory<byte> frame, Span<byte> destination)
    {
        var staging = ArrayPool<byte>.Shared.Rent(header.UncompressedSize);
        try
        {
            var state = new BloscParallelDecoder(header, frame[..header.CompressedSize], staging);
            var workers = Math.Min(Environment.ProcessorCount - 1, header.BlockCount - 1);
            for (var w = 0; w < workers; w++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Run(), state, preferLocal: false);
            }

            state.RunCaller(destination);
            state.WaitForAll();
            if (state._error is not null)
            {
                ExceptionDispatchInfo.Throw(state._error);
            }

            for (var j = 0; j < header.BlockCount; j++)
            {
                if (state._staged[j])
                {
                    var offset = (int)((long)j * header.BlockSize);
                    staging.AsSpan(offset, BloscDecoder.BlockLength(header, j)).CopyTo(destination[offset..]);
                }
            }
        }
        finally
        {
            // Every claimed block has finished (WaitForAll), and a late worker claims none: no one writes here any more.
            ArrayPool<byte>.Shared.Return(staging);
        }
    }

    private void RunCaller(Span<byte> destination)
    {
        var scratch = BloscDecoder.RentScratch(_header);
        try
        {
            int j;
            while ((j = Interlocked.Increment(ref _next) - 1) < _header.BlockCount)
            {
                var offset = (int)((long)j * _header.BlockSize);
                DecodeClaimed(j, destination.Slice(offset, BloscDecoder.BlockLength(_header, j)), scratch, staged: false);
            }
        }
        finally
        {
            ReturnScratch(scratch);
        }
    }

    private void Run()
    {
        if (Volatile.Read(ref _next) >= _header.BlockCount)
        {
            return;
        }

        var scratch = BloscDecoder.RentScratch(_header);
        try
        {
            int j;
            while ((j = Interlocked.Increment(ref _next) - 1) < _header.BlockCount)
            {
                var offset = (int)((long)j * _header.BlockSize);
                DecodeClaimed(j, _staging.AsSpan(offset, BloscDecoder.BlockLength(_header, j)), scratch, staged: true);
            }
        }
        finally
        {
            ReturnScratch(scratch);
        }
    }

    /// <summary>Decodes claimed block <paramref name="j"/> (skipped once any block failed), then counts it as finished.</summary>
    private void DecodeClaimed(int j, Span<byte> target, byte[]? scratch, bool staged)
    {
        try
        {
            if (!_failed)
            {
                BloscDecoder.DecodeBlockAt(_header, _body.Span, j, target, scratch);
                _staged[j] = staged;
            }
        }
#pragma warning disable CA1031 // Recorded and rethrown on the calling thread; a worker must not throw on the pool.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref _error, e, null);
            _failed = true;
        }
        finally
        {
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                lock (_gate)
                {
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    private void WaitForAll()
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _remaining) > 0 && !spin.NextSpinWillYield)
        {
            spin.SpinOnce();
        }

        lock (_gate)
        {
            while (Volatile.Read(ref _remaining) > 0)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    private static void ReturnScratch(byte[]? scratch)
    {
        if (scratch is not null)
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
