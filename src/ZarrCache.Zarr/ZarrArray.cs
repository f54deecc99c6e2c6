using System.Numerics;
using System.Runtime.InteropServices;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Metadata;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr;

/// <summary>
/// A Zarr v2 or v3 array on any <see cref="IReadableStore"/> (wrap the origin in a <see cref="CachedStore"/> to cache it):
/// its metadata, reads of selections into typed results, writes, and creation.
/// </summary>
public sealed class ZarrArray
{
    private readonly ArrayChunks _chunks;
    private readonly ArrayReader _reader;
    private readonly ArrayWriter _writer;

    private ZarrArray(IReadableStore store, string path, ArrayMetadata metadata, ZarrArrayOptions? options)
    {
        Store = store;
        Path = path;
        _chunks = new ArrayChunks(store, path, metadata);
        ChunkCache = options?.ChunkCache;
        var decoded = ChunkCache?.Bind(store, path, metadata.Fingerprint) ?? NoDecodedChunks.Instance;
        _reader = new ArrayReader(_chunks, decoded, ArrayPrefetch.For(_chunks));
        _writer = new ArrayWriter(_chunks, decoded);
    }

    /// <summary>
    /// The most bytes a metadata document (<c>zarr.json</c>, <c>.zarray</c>, <c>.zattrs</c>, <c>.zgroup</c>,
    /// <c>.zmetadata</c>) may have: 256 MiB. A larger one is refused from the size the origin reports, before its body is
    /// read (see <see cref="ValueSizeLimit"/>).
    /// </summary>
    public const int MaxMetadataDocumentSize = 256 * 1024 * 1024;

    /// <summary>The store the array reads through.</summary>
    public IReadableStore Store { get; }

    /// <summary>The array's path in the store ("" for the root).</summary>
    public string Path { get; }

    /// <summary>2 or 3.</summary>
    public int ZarrFormat => Metadata.ZarrFormat;

    /// <summary>The shape.</summary>
    public IReadOnlyList<long> Shape => Metadata.Shape;

    /// <summary>The shape of a chunk of the grid (for a sharded array, of a shard).</summary>
    public IReadOnlyList<int> ChunkShape => Metadata.ChunkShape;

    /// <summary>For a sharded array, the shape of an inner chunk; otherwise null.</summary>
    public IReadOnlyList<int>? InnerChunkShape => Sharding?.ChunkShape;

    /// <summary>The element type.</summary>
    public ZarrDataType DataType => Metadata.DataType;

    /// <summary>The fill value, as one element's little-endian bytes.</summary>
    public ReadOnlyMemory<byte> FillValue => Metadata.FillValue;

    /// <summary>The user attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes => Metadata.Attributes;

    /// <summary>The v3 dimension names, if any.</summary>
    public IReadOnlyList<string?>? DimensionNames => Metadata.DimensionNames;

    /// <summary>v2 memory order of chunks: "C" or "F" (v3 arrays say it with <c>transpose</c>).</summary>
    public string Order => Metadata.Order;

    /// <summary>The codec names in order (v2: filters, then the compressor).</summary>
    public IReadOnlyList<string> Codecs => Metadata.Codecs.All.Select(c => c.Name).ToArray();

    /// <summary>For a sharded array, the inner chunks' codec names.</summary>
    public IReadOnlyList<string>? InnerCodecs => Sharding?.InnerCodecs.All.Select(c => c.Name).ToArray();

    /// <summary>The chunk key encoding.</summary>
    public ChunkKeyEncoding KeyEncoding => Metadata.KeyEncoding;

    /// <summary>The chunk grid (for a sharded array, of the shards).</summary>
    public ChunkGrid Grid => _chunks.Grid;

    /// <summary>The cache of decoded chunks this array reads through; null when none (<see cref="ZarrArrayOptions.ChunkCache"/>).</summary>
    public DecodedChunkCache? ChunkCache { get; }

    /// <summary>The number of chunks (shards) along each dimension.</summary>
    public IReadOnlyList<long> ChunkGridShape => Grid.GridShape;

    /// <summary>
    /// The number of chunks (shards) in the grid; <see cref="long.MaxValue"/> when there are more (a grid such as
    /// 2^62 x 2^62 chunks): <see cref="ExactChunkCount"/> has the exact number.
    /// </summary>
    public long ChunkCount => Grid.ChunkCount;

    /// <summary>The number of chunks (shards) in the grid, exact however large.</summary>
    public BigInteger ExactChunkCount => Grid.ExactChunkCount;

    /// <summary>How many chunks a read decodes at once (default: twice the processor count, at least 4).</summary>
    public int MaxConcurrency { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    internal ShardingCodec? Sharding => Metadata.Codecs.ArrayToBytes as ShardingCodec;

    internal ArrayMetadata Metadata => _chunks.Metadata;

    /// <summary>
    /// Opens the array at a path: from v2 consolidated metadata at the store root (<c>.zmetadata</c>, one request for any
    /// array of the hierarchy) when there is some, else v3 <c>zarr.json</c>, else v2 <c>.zarray</c> (with <c>.zattrs</c>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The array's path ("" for the root).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ZarrFormatException">There is no array there, or its metadata is invalid or unsupported.</exception>
    public static Task<ZarrArray> OpenAsync(IReadableStore store, string path = "", CancellationToken cancellationToken = default) =>
        OpenAsync(store, path, null, cancellationToken);

    /// <summary>
    /// Opens the array at a path of a location in one line, behind a cache: a local path, <c>file://</c>,
    /// <c>http(s)://</c>, or <c>s3://bucket/prefix</c> with <c>options.UseS3(...)</c> (ZarrCache.S3), as
    /// <see cref="ZarrStore.Open"/> opens it; the hierarchy's consolidated metadata at the location is used.
    /// </summary>
    /// <param name="location">Where the hierarchy (or the array) is.</param>
    /// <param name="path">The array's path under the location ("" when the location is the array).</param>
    /// <param name="options">The cache and the openers; null for the defaults (a memory cache; no s3://).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The array; its <see cref="Store"/> is the <see cref="CachedStore"/>, whose origin the caller disposes when it is <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">A malformed location, an unknown scheme, a missing folder, or an s3:// location without <c>UseS3</c>, named.</exception>
    /// <exception cref="ZarrFormatException">There is no array there, or its metadata is invalid or unsupported.</exception>
    public static Task<ZarrArray> OpenAsync(string location, string path, StoreOpenOptions? options, CancellationToken cancellationToken = default) =>
        OpenAsync(ZarrStore.Open(location, options), path, cancellationToken);

    /// <summary>
    /// Opens the array at a path with options (such as a <see cref="ZarrArrayOptions.ChunkCache"/>): from v2
    /// consolidated metadata at the store root (<c>.zmetadata</c>) when it lists the array, else v3 <c>zarr.json</c>,
    /// else v2 <c>.zarray</c> (with <c>.zattrs</c>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The array's path ("" for the root).</param>
    /// <param name="options">How to read it: <see cref="ZarrArrayOptions.ChunkCache"/>; the creation fields must be unset (null: defaults).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ZarrFormatException">There is no array there, or its metadata is invalid or unsupported.</exception>
    /// <exception cref="ArgumentException">The options set a field that only creating an array uses.</exception>
    public static Task<ZarrArray> OpenAsync(IReadableStore store, string path, ZarrArrayOptions? options, CancellationToken cancellationToken = default) =>
        OpenAsync(store, path, options, null, cancellationToken);

    /// <summary>
    /// Opens the array at a path; with a known <paramref name="zarrFormat"/> (a group's, whose consolidated metadata
    /// was consulted already), only that format's documents are read: 3 <c>zarr.json</c>, 2 <c>.zarray</c> and <c>.zattrs</c>.
    /// </summary>
    internal static async Task<ZarrArray> OpenAsync(IReadableStore store, string path, ZarrArrayOptions? options, int? zarrFormat, CancellationToken cancellationToken)
    {
        options?.ValidateForOpen();
        ArgumentNullException.ThrowIfNull(store);
        path = NormalizePath(path);
        return new ZarrArray(store, path, await ArrayDocuments.ReadAsync(store, path, zarrFormat, cancellationToken).ConfigureAwait(false), options);
    }

    internal static ZarrArray FromConsolidated(IReadableStore store, string path, int zarrFormat, ConsolidatedNode node, ZarrArrayOptions? options) =>
        new(store, path, ArrayDocuments.FromConsolidated(path, zarrFormat, node), options);

    internal static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        if (trimmed.Length > 0)
        {
            _ = new StoreKey(trimmed);
        }

        return trimmed;
    }

    internal StoreKey ChunkKey(ReadOnlySpan<long> coordinates) => _chunks.Key(coordinates);

    /// <summary>
    /// Creates an array: writes its metadata (v2 <c>.zarray</c> and <c>.zattrs</c>, or v3 <c>zarr.json</c>), adds it to
    /// the consolidated metadata of the groups above it that have some, and opens it.
    /// </summary>
    /// <param name="store">A writable store.</param>
    /// <param name="path">The array's path ("" for the root).</param>
    /// <param name="options">What the array looks like.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The new array.</returns>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static async Task<ZarrArray> CreateAsync(IStore store, string path, ZarrArrayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateForCreate();
        path = NormalizePath(path);
        return new ZarrArray(store, path, await ArrayDocuments.CreateAsync(store, path, options, cancellationToken).ConfigureAwait(false), options);
    }

    /// <summary>
    /// Reads a selection (NumPy's: steps, negative indexes, <c>...</c>) as little-endian bytes in C order; chunks are
    /// fetched and decoded in parallel (at most <see cref="MaxConcurrency"/> at once).
    /// </summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements and their shape.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array (the dimension and value named), or the result is too large for one buffer.</exception>
    /// <exception cref="ZarrFormatException">A chunk is corrupt; the message names its key.</exception>
    /// <exception cref="InvalidOperationException">The array holds variable-length strings (<see cref="ZarrArrayStrings.ReadStringsAsync"/> reads them).</exception>
    public async Task<ZarrArrayData> ReadAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        CheckFixedSize();
        var plan = Plan(selection);
        var output = GC.AllocateUninitializedArray<byte>((int)(plan.Elements * DataType.Size)); // every element is written: chunk data or fill
        await _reader.ReadSelectionAsync(plan, ElementConversion.Identity, output.AsMemory(), MaxConcurrency, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData(output, plan.Shape, DataType);
    }

    /// <summary>
    /// Reads a selection (NumPy's: steps, negative indexes, <c>...</c>) into a typed array: of the array's own type,
    /// decoding straight into it, or converted from it where NumPy's safe casting allows (int16 → float32,
    /// float32 → double, uint8 → int32; the fill value converts as any element).
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>, or a numeric type it converts to safely.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape (<see cref="ZarrArrayData{T}.ToArray2D"/> and <see cref="ZarrArrayData{T}.ToArray3D"/> make T[,] and T[,,]).</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or the conversion is not safe (the message says which casting allows it).</exception>
    public Task<ZarrArrayData<T>> ReadAsync<T>(ArraySelection? selection = null, CancellationToken cancellationToken = default)
        where T : unmanaged =>
        ReadAsync<T>(selection, ZarrCasting.Safe, cancellationToken);

    /// <summary>Reads a selection into a typed array, converting the elements with the casting allowed (as NumPy's <c>astype(T, casting=...)</c>).</summary>
    /// <typeparam name="T">A numeric element type (or the array's own).</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="casting">Which conversions are allowed.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or <paramref name="casting"/> refuses the conversion.</exception>
    public async Task<ZarrArrayData<T>> ReadAsync<T>(ArraySelection? selection, ZarrCasting casting, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        var (plan, conversion) = Plan<T>(selection, casting);
        var data = GC.AllocateUninitializedArray<T>((int)plan.Elements); // every element is written: chunk data or fill
        await _reader.ReadSelectionAsync(plan, conversion, data.AsMemory(), MaxConcurrency, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData<T>(data, plan.Shape);
    }

    /// <summary>
    /// Reads a selection as <see cref="ReadAsync{T}(ArraySelection?, CancellationToken)"/> does, into an array rented
    /// from <see cref="System.Buffers.ArrayPool{T}.Shared"/> that the result hands back when disposed: a new result per
    /// read, as <c>ReadAsync</c> gives, without a new large array per read (which the runtime backs with fresh pages:
    /// for a chunk-sized result that costs more than the read; docs/benchmarks.md). Dispose the result (<c>using</c>)
    /// when done with its elements.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>, or a numeric type it converts to safely.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape; dispose it to hand its array back.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or the conversion is not safe.</exception>
    public async Task<PooledArrayData<T>> ReadPooledAsync<T>(ArraySelection? selection = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        var (plan, conversion) = Plan<T>(selection, ZarrCasting.Safe);
        var length = (int)plan.Elements;
        var array = PooledArrayData<T>.Rent(length);
        try
        {
            await _reader.ReadSelectionAsync(plan, conversion, array.AsMemory(0, length), MaxConcurrency, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            PooledArrayData<T>.Return(array);
            throw;
        }

        return new PooledArrayData<T>(array, length, plan.Shape);
    }

    /// <summary>
    /// Reads a selection into the caller's buffer, in C order: nothing is allocated for the result, so a loop of reads
    /// can reuse one buffer (a warm read of decoded chunks is then a copy). Chunks are decoded straight into it where
    /// they lie contiguously there and no conversion or step is asked for.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>, or a numeric type it converts to safely.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="destination">Exactly as many elements as the selection holds (a slice of a larger buffer is fine).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The shape of what was read (dimensions selected by an index dropped).</returns>
    /// <exception cref="ArgumentException">The conversion is not safe, the selection does not fit the array, or <paramref name="destination"/> is not its size (both named).</exception>
    public async Task<IReadOnlyList<long>> ReadIntoAsync<T>(ArraySelection? selection, Memory<T> destination, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        var (plan, conversion) = Plan<T>(selection, ZarrCasting.Safe);
        if (destination.Length != plan.Elements)
        {
            throw new ArgumentException(
                $"Array '{Path}': the selection holds {plan.Elements} elements (shape [{string.Join(',', plan.Shape)}]); the destination has room for {destination.Length}.", nameof(destination));
        }

        await _reader.ReadSelectionAsync(plan, conversion, destination, MaxConcurrency, cancellationToken).ConfigureAwait(false);
        return plan.Shape;
    }

    /// <summary>The box a selection reads, the shape of its result, and its element count (checked to fit one buffer); steps are refused (the string reads and the writes take boxes only).</summary>
    internal (long[] Start, long[] Count, long[] Shape, long Elements) Resolve(ArraySelection? selection)
    {
        if (selection is { HasSteps: true })
        {
            throw new ArgumentException($"Array '{Path}': the selection '{selection}' has steps, which only the numeric reads (ReadAsync, ReadPooledAsync, ReadIntoAsync) take.", nameof(selection));
        }

        var plan = Plan(selection);
        return (plan.BoxStart, plan.BoxCount, plan.Shape, plan.Elements);
    }

    /// <summary>Reads the box into <paramref name="output"/> (little-endian elements in C order); chunks in parallel.</summary>
    internal Task ReadIntoAsync(long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken) =>
        _reader.ReadBoxAsync(start, count, output, MaxConcurrency, cancellationToken);

    /// <summary>Writes a selection from typed elements in C order; partial chunks are read, updated and rewritten (for a sharded array, whole shards).</summary>
    /// <typeparam name="T">The element type (<see cref="DataTypes.ZarrDataType.ClrType"/>).</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="data">As many elements as the selection holds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    public Task WriteAsync<T>(ArraySelection? selection, ReadOnlyMemory<T> data, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        if (typeof(T) != DataType.ClrType)
        {
            throw new ArgumentException($"Array '{Path}' holds {DataType} ({DataType.ClrType.Name}), not {typeof(T).Name}.", nameof(data));
        }

        return WriteBytesAsync(selection, MemoryMarshal.AsBytes(data.Span).ToArray(), cancellationToken);
    }

    /// <summary>Writes a selection from little-endian element bytes in C order.</summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="bytes">The elements' bytes.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The store is not writable.</exception>
    public async Task WriteBytesAsync(ArraySelection? selection, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        CheckFixedSize();
        var writable = Store as IWritableStore ?? throw new InvalidOperationException($"Array '{Path}': the store is not writable.");
        if (selection is { HasSteps: true })
        {
            throw new ArgumentException($"Array '{Path}': the selection '{selection}' has steps; writes take slices with step 1 and indexes.", nameof(selection));
        }

        var (start, count, _) = (selection ?? ArraySelection.All).Resolve(Metadata.Shape);
        var size = DataType.Size;
        var total = count.Aggregate(1L, (a, b) => a * b);
        if (bytes.Length != total * size)
        {
            throw new ArgumentException($"Array '{Path}': the selection holds {total} elements ({total * size} bytes), the data {bytes.Length} bytes.", nameof(bytes));
        }

        if (total == 0)
        {
            return;
        }

        await _writer.WriteBoxAsync(writable, start, count, bytes, MaxConcurrency, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The keys of the chunks (for a sharded array, the shards) that a selection touches, in C order of the chunk grid.
    /// Warming these keys (<see cref="CachedStore.WarmAsync(IReadOnlyCollection{StoreKey}, WarmOptions?, IProgress{WarmProgress}?, CancellationToken)"/>)
    /// makes a later read of the selection cost no origin request.
    /// </summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <returns>The keys; chunks that are missing at the origin are included (they read as the fill value).</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array.</exception>
    public IReadOnlyList<StoreKey> ChunkKeysFor(ArraySelection? selection = null)
    {
        var (start, count, _) = (selection ?? ArraySelection.All).Resolve(Metadata.Shape);
        return Grid.ChunksIntersecting(start, count).Select(coordinates => ChunkKey(coordinates)).ToList();
    }

    /// <summary>Plans a selection (<see cref="SelectionPlan"/>): its box, its shape, its gather.</summary>
    private SelectionPlan Plan(ArraySelection? selection) => SelectionPlan.Create(selection, Metadata.Shape, DataType.Size, Path);

    /// <summary>Plans a numeric read of <typeparamref name="T"/> elements: refuses variable-length arrays and conversions <paramref name="casting"/> does not allow.</summary>
    private (SelectionPlan Plan, ElementConversion Conversion) Plan<T>(ArraySelection? selection, ZarrCasting casting)
        where T : unmanaged
    {
        CheckFixedSize();
        var conversion = ElementConversion.For<T>(DataType, casting, Path);
        return (Plan(selection), conversion);
    }

    /// <summary>Refuses a byte-level read or write of variable-length elements, which have no fixed-size bytes.</summary>
    private void CheckFixedSize()
    {
        if (DataType.IsVariableLength)
        {
            throw new InvalidOperationException($"Array '{Path}' holds variable-length {(DataType.Kind == ZarrDataTypeKind.String ? "strings" : "byte strings")} ({DataType.Name}), which have no element bytes: use ReadStringsAsync/ReadByteStringsAsync and WriteStringsAsync/WriteByteStringsAsync.");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ZarrArray '{Path}' v{ZarrFormat} {DataType} [{string.Join(',', Shape)}] chunks [{string.Join(',', ChunkShape)}]";
}
