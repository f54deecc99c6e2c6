using System.Numerics;
using System.Text.Json;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Metadata;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr;

/// <summary>
/// A Zarr v2 or v3 array on any <see cref="IReadableStore"/> (wrap the origin in a <see cref="CachedStore"/> to cache it):
/// its metadata, reads of selections into typed results, writes, and creation.
/// </summary>
public sealed partial class ZarrArray
{
    private readonly ArrayMetadata _metadata;
    private readonly string _prefix;
    private readonly ICachingStore? _cachingStore;
    private readonly IDecodedChunks _decoded;

    private ZarrArray(IReadableStore store, string path, ArrayMetadata metadata, ZarrArrayOptions? options)
    {
        Store = store;
        _cachingStore = store as ICachingStore;
        Path = path;
        _metadata = metadata;
        _prefix = path.Length == 0 ? string.Empty : path + "/";
        Grid = new ChunkGrid(metadata.Shape, metadata.ChunkShape);
        ChunkCache = options?.ChunkCache;
        _decoded = ChunkCache?.Bind(store, path, metadata.Fingerprint) ?? NoDecodedChunks.Instance;
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
    public int ZarrFormat => _metadata.ZarrFormat;

    /// <summary>The shape.</summary>
    public IReadOnlyList<long> Shape => _metadata.Shape;

    /// <summary>The shape of a chunk of the grid (for a sharded array, of a shard).</summary>
    public IReadOnlyList<int> ChunkShape => _metadata.ChunkShape;

    /// <summary>For a sharded array, the shape of an inner chunk; otherwise null.</summary>
    public IReadOnlyList<int>? InnerChunkShape => Sharding?.ChunkShape;

    /// <summary>The element type.</summary>
    public ZarrDataType DataType => _metadata.DataType;

    /// <summary>The fill value, as one element's little-endian bytes.</summary>
    public ReadOnlyMemory<byte> FillValue => _metadata.FillValue;

    /// <summary>The user attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes => _metadata.Attributes;

    /// <summary>The v3 dimension names, if any.</summary>
    public IReadOnlyList<string?>? DimensionNames => _metadata.DimensionNames;

    /// <summary>v2 memory order of chunks: "C" or "F" (v3 arrays say it with <c>transpose</c>).</summary>
    public string Order => _metadata.Order;

    /// <summary>The codec names in order (v2: filters, then the compressor).</summary>
    public IReadOnlyList<string> Codecs => _metadata.Codecs.All.Select(c => c.Name).ToArray();

    /// <summary>For a sharded array, the inner chunks' codec names.</summary>
    public IReadOnlyList<string>? InnerCodecs => Sharding?.InnerCodecs.All.Select(c => c.Name).ToArray();

    /// <summary>The chunk key encoding.</summary>
    public ChunkKeyEncoding KeyEncoding => _metadata.KeyEncoding;

    /// <summary>The chunk grid (for a sharded array, of the shards).</summary>
    public ChunkGrid Grid { get; }

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

    internal ShardingCodec? Sharding => _metadata.Codecs.ArrayToBytes as ShardingCodec;

    internal ArrayMetadata Metadata => _metadata;

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
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var where = path.Length == 0 ? "array at the store root" : $"array '{path}'";
        var consolidated = zarrFormat is null ? await ConsolidatedMetadata.ReadV2Async(store, string.Empty, cancellationToken).ConfigureAwait(false) : null;
        switch (consolidated?.Find(path))
        {
            case { IsArray: true } node:
                return FromConsolidated(store, path, 2, node, options);
            case { IsArray: false }:
                throw new ZarrFormatException($"No Zarr array at '{path}': .zmetadata lists a group there.");
        }

        // A v2 hierarchy (it has .zmetadata) has no zarr.json to look for.
        var v3 = consolidated is null && zarrFormat != 2 ? await MetadataReader.ReadAsync(store, prefix + "zarr.json", cancellationToken).ConfigureAwait(false) : null;
        if (v3 is { } v3Bytes)
        {
            var doc = MetadataReader.Parse(v3Bytes, prefix + "zarr.json");
            return new ZarrArray(store, path, ArrayMetadataParser.ParseV3(doc, $"{where} ({prefix}zarr.json)"), options);
        }

        if (zarrFormat == 3)
        {
            throw new ZarrNodeNotFoundException(path, $"No Zarr v3 array at '{path}': {prefix}zarr.json does not exist.");
        }

        var v2 = await MetadataReader.ReadAsync(store, prefix + ".zarray", cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrNodeNotFoundException(path, $"No Zarr array at '{path}': " + (consolidated is not null ? $".zmetadata does not list it and {prefix}.zarray does not exist."
                : zarrFormat is null ? $"neither {prefix}zarr.json nor {prefix}.zarray exists." : $"{prefix}.zarray does not exist."));
        var attrs = await MetadataReader.ReadAsync(store, prefix + ".zattrs", cancellationToken).ConfigureAwait(false);
        var zarray = MetadataReader.Parse(v2, prefix + ".zarray");
        JsonElement? zattrs = attrs is { } a ? MetadataReader.Parse(a, prefix + ".zattrs") : null;
        return new ZarrArray(store, path, ArrayMetadataParser.ParseV2(zarray, zattrs, $"{where} ({prefix}.zarray)"), options);
    }

    internal static ZarrArray FromConsolidated(IReadableStore store, string path, int zarrFormat, ConsolidatedNode node, ZarrArrayOptions? options) =>
        new(store, path, zarrFormat == 3
            ? ArrayMetadataParser.ParseV3(node.Document, $"array '{path}' (consolidated zarr.json)")
            : ArrayMetadataParser.ParseV2(node.Document, node.Attributes, $"array '{path}' (consolidated .zarray)"), options);

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

    internal StoreKey ChunkKey(ReadOnlySpan<long> coordinates) => new(_prefix + _metadata.KeyEncoding.Encode(coordinates));

    /// <inheritdoc />
    public override string ToString() =>
        $"ZarrArray '{Path}' v{ZarrFormat} {DataType} [{string.Join(',', Shape)}] chunks [{string.Join(',', ChunkShape)}]";
}
