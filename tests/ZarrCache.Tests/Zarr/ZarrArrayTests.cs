using System.Numerics;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class ZarrArrayTests
{
    public static TheoryData<int, string?, bool> Layouts() => new()
    {
        { 2, null, false }, { 2, "gzip", false }, { 2, "zstd", false }, { 2, "lz4", false }, { 2, "bz2", false }, { 2, "zlib", false },
        { 3, null, false }, { 3, "gzip", true }, { 3, "zstd", true }, { 3, "zlib", false }, { 3, "bz2", false }, { 3, "lz4", true },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Written_array_reads_back_exactly_with_ragged_edge_chunks(int format, string? compressor, bool checksum)
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "g/x", new ZarrArrayOptions
        {
            ZarrFormat = format,
            Shape = [7, 5],
            ChunkShape = [3, 2],
            DataType = ZarrDataTypeKind.Float64,
            Compressor = compressor is null ? null : new ZarrCompressor(compressor, 3),
            Checksum = checksum,
        });
        var values = Enumerable.Range(0, 35).Select(i => (i * 1.25) - 7).ToArray();
        await array.WriteAsync<double>(null, values);

        var reopened = await ZarrArray.OpenAsync(store, "g/x");
        var data = await reopened.ReadAsync<double>();

        Assert.Equal(format, reopened.ZarrFormat);
        Assert.Equal(new long[] { 7, 5 }, data.Shape);
        Assert.Equal(values, data.Data);
        Assert.Equal(9, reopened.ChunkCount);
    }

    [Theory]
    [InlineData(ZarrDataTypeKind.Bool)]
    [InlineData(ZarrDataTypeKind.Int8)]
    [InlineData(ZarrDataTypeKind.UInt16)]
    [InlineData(ZarrDataTypeKind.Int64)]
    [InlineData(ZarrDataTypeKind.UInt64)]
    [InlineData(ZarrDataTypeKind.Float16)]
    [InlineData(ZarrDataTypeKind.Float32)]
    [InlineData(ZarrDataTypeKind.Complex64)]
    [InlineData(ZarrDataTypeKind.Complex128)]
    public async Task Every_type_round_trips_in_both_byte_orders(ZarrDataTypeKind kind)
    {
        foreach (var (format, big) in new[] { (2, false), (2, true), (3, false) })
        {
            var store = new MemoryStore();
            var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions
            {
                ZarrFormat = format,
                BigEndian = big,
                Shape = [10],
                ChunkShape = [4],
                DataType = kind,
                Compressor = ZarrCompressor.Zstd(),
            });
            var size = ZarrDataType.SizeOf(kind);
            var bytes = Enumerable.Range(0, 10 * size).Select(i => kind == ZarrDataTypeKind.Bool ? (byte)(i % 2) : (byte)((i * 37) + 11)).ToArray();
            if (kind == ZarrDataTypeKind.Float16)
            {
                bytes = Enumerable.Range(0, 10).SelectMany(i => BitConverter.GetBytes((Half)(i - 3.5))).ToArray();
            }

            await array.WriteBytesAsync(null, bytes);
            var data = await (await ZarrArray.OpenAsync(store)).ReadAsync();
            Assert.Equal(bytes, data.Bytes);
            Assert.Equal(size == 1 ? ZarrByteOrder.NotApplicable : big ? ZarrByteOrder.Big : ZarrByteOrder.Little, data.DataType.ByteOrder);
        }
    }

    [Fact]
    public async Task Big_endian_v2_chunks_hold_big_endian_bytes()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions { ZarrFormat = 2, BigEndian = true, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16 });
        await array.WriteAsync<short>(null, new short[] { 1, 0x0203 });

        Assert.Equal(new byte[] { 0, 1, 2, 3 }, (await store.GetAsync("0"))!.Value.ToArray());
    }

    [Fact]
    public async Task Selection_indexes_drop_dimensions_and_slices_keep_them()
    {
        var array = await Sequential3dAsync();

        var plane = await array.ReadAsync<int>(ArraySelection.Parse("1"));
        var row = await array.ReadAsync<int>(ArraySelection.Parse("1,2"));
        var box = await array.ReadAsync<int>(ArraySelection.Parse("0:2,-2:,1:3"));
        var scalar = await array.ReadAsync<int>(ArraySelection.Parse("-1,-1,-1"));

        Assert.Equal(new long[] { 4, 5 }, plane.Shape);
        Assert.Equal(Enumerable.Range(20, 20), plane.Data);
        Assert.Equal(new long[] { 5 }, row.Shape);
        Assert.Equal(Enumerable.Range(30, 5), row.Data);
        Assert.Equal(new long[] { 2, 2, 2 }, box.Shape);
        Assert.Equal(new[] { 11, 12, 16, 17, 31, 32, 36, 37 }, box.Data);
        Assert.Empty(scalar.Shape);
        Assert.Equal(new[] { 59 }, scalar.Data);
    }

    [Fact]
    public async Task An_index_outside_the_array_is_refused()
    {
        var array = await Sequential3dAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => array.ReadAsync<int>(ArraySelection.Parse("3")));
        await Assert.ThrowsAsync<ArgumentException>(() => array.ReadAsync<int>(ArraySelection.Parse("0,0,0,0")));
        await Assert.ThrowsAsync<ArgumentException>(() => array.ReadAsync<short>()); // int32 → int16 may lose values: NumPy's safe casting refuses it
    }

    [Fact]
    public async Task Empty_slice_gives_an_empty_result()
    {
        var array = await Sequential3dAsync();
        var data = await array.ReadAsync<int>(ArraySelection.Parse("2:1"));
        Assert.Equal(new long[] { 0, 4, 5 }, data.Shape);
        Assert.Empty(data.Data);
    }

    [Fact]
    public async Task Missing_chunks_read_as_the_fill_value()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions { ZarrFormat = 2, Shape = [6], ChunkShape = [2], DataType = ZarrDataTypeKind.Float32, FillValue = double.NaN });
        await array.WriteAsync<float>(ArraySelection.Parse("2:4"), new[] { 1f, 2f });

        var data = await array.ReadAsync<float>();

        Assert.Equal(new[] { float.NaN, float.NaN, 1f, 2f, float.NaN, float.NaN }, data.Data);
        Assert.Null(await store.GetAsync("0"));
    }

    [Fact]
    public async Task Partial_writes_keep_the_rest_of_the_chunk()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions { Shape = [4, 4], ChunkShape = [4, 4], DataType = ZarrDataTypeKind.Int32, FillValue = 9, Compressor = ZarrCompressor.Gzip() });
        await array.WriteAsync<int>(null, Enumerable.Range(0, 16).ToArray());
        await array.WriteAsync<int>(ArraySelection.Parse("1:3,1:3"), new[] { -1, -2, -3, -4 });

        var data = await array.ReadAsync<int>();

        Assert.Equal(new[] { 0, 1, 2, 3, 4, -1, -2, 7, 8, -3, -4, 11, 12, 13, 14, 15 }, data.Data);
    }

    [Fact]
    public async Task Zero_dimensional_arrays_read_and_write_one_element()
    {
        foreach (var format in new[] { 2, 3 })
        {
            var store = new MemoryStore();
            var array = await ZarrArray.CreateAsync(store, "s", new ZarrArrayOptions { ZarrFormat = format, Shape = [], ChunkShape = [], DataType = ZarrDataTypeKind.Complex128, FillValue = 3 });
            Assert.Equal(new[] { new Complex(3, 0) }, (await array.ReadAsync<Complex>()).Data);
            await array.WriteAsync<Complex>(null, new[] { new Complex(1.5, -2) });
            Assert.Equal(new[] { new Complex(1.5, -2) }, (await (await ZarrArray.OpenAsync(store, "s")).ReadAsync<Complex>()).Data);
            Assert.NotNull(await store.GetAsync(format == 2 ? "s/0" : "s/c"));
        }
    }

    [Fact]
    public async Task F_order_and_slash_separator_v2_chunks_use_their_layout_and_keys()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions { ZarrFormat = 2, Order = "F", Separator = '/', Shape = [2, 3], ChunkShape = [2, 3], DataType = ZarrDataTypeKind.UInt8 });
        await array.WriteAsync<byte>(null, new byte[] { 1, 2, 3, 4, 5, 6 });

        Assert.Equal(new byte[] { 1, 4, 2, 5, 3, 6 }, (await store.GetAsync("0/0"))!.Value.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, (await array.ReadAsync<byte>()).Data);
    }

    [Fact]
    public async Task A_crc32c_mismatch_is_an_error_naming_the_chunk_key()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "arr", new ZarrArrayOptions { Shape = [4], ChunkShape = [4], DataType = ZarrDataTypeKind.Int32, Checksum = true });
        await array.WriteAsync<int>(null, new[] { 1, 2, 3, 4 });
        var chunk = (await store.GetAsync("arr/c/0"))!.Value.ToArray();
        chunk[0] ^= 1;
        await store.SetAsync("arr/c/0", chunk);

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync<int>());

        Assert.Contains("arr/c/0", e.Message, StringComparison.Ordinal);
        Assert.Contains("crc32c", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ZarrChecksum.Adler32, "numcodecs.adler32")]
    [InlineData(ZarrChecksum.Fletcher32, "numcodecs.fletcher32")]
    public async Task A_v3_array_with_a_numcodecs_checksum_round_trips_and_a_mismatch_names_the_chunk_key(ZarrChecksum kind, string name)
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "arr", new ZarrArrayOptions
        {
            Shape = [5], ChunkShape = [4], DataType = ZarrDataTypeKind.Int16, Compressor = ZarrCompressor.Zstd(), Checksum = true, ChecksumKind = kind,
        });
        await array.WriteAsync<short>(null, new short[] { 1, 2, 3, 4, 5 });
        Assert.Contains($"\"name\": \"{name}\"", System.Text.Encoding.UTF8.GetString((await store.GetAsync("arr/zarr.json"))!.Value.Span), StringComparison.Ordinal);
        Assert.Equal(new short[] { 1, 2, 3, 4, 5 }, (await (await ZarrArray.OpenAsync(store, "arr")).ReadAsync<short>()).Data);

        var chunk = (await store.GetAsync("arr/c/1"))!.Value.ToArray();
        chunk[^5] ^= 1;
        await store.SetAsync("arr/c/1", chunk);
        var reopened = await ZarrArray.OpenAsync(store, "arr");
        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => reopened.ReadAsync<short>());

        Assert.Contains("arr/c/1", e.Message, StringComparison.Ordinal);
        Assert.Contains(name + " checksum mismatch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_that_decompresses_larger_than_it_can_be_is_refused()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions { Shape = [4], ChunkShape = [4], DataType = ZarrDataTypeKind.UInt8, Compressor = ZarrCompressor.Zstd() });
        var bomb = new ZstdSharp.Compressor(3).Wrap(new byte[64 * 1024 * 1024]).ToArray();
        await store.SetAsync("c/0", bomb);

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadAsync<byte>());

        Assert.Contains("c/0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_missing_array_names_the_path()
    {
        var e = await Assert.ThrowsAsync<ZarrNodeNotFoundException>(() => ZarrArray.OpenAsync(new MemoryStore(), "nothing/here"));
        Assert.Contains("nothing/here", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_go_through_CachedStore_so_a_second_read_hits_the_cache()
    {
        var origin = new MemoryStore();
        var array = await ZarrArray.CreateAsync(origin, "", new ZarrArrayOptions { Shape = [8], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16 });
        await array.WriteAsync<short>(null, new short[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        var counting = new TestSupport.RequestLogStore(origin);
        var cached = new CachedStore(counting, new CacheConfig());
        var viaCache = await ZarrArray.OpenAsync(cached);
        _ = await viaCache.ReadAsync<short>();
        counting.Reset();

        var again = await viaCache.ReadAsync<short>();

        Assert.Equal(0, counting.Gets);
        Assert.Equal(new short[] { 1, 2, 3, 4, 5, 6, 7, 8 }, again.Data);
    }

    private static async Task<ZarrArray> Sequential3dAsync()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "", new ZarrArrayOptions { Shape = [3, 4, 5], ChunkShape = [2, 3, 2], DataType = ZarrDataTypeKind.Int32, Compressor = ZarrCompressor.Zstd() });
        await array.WriteAsync<int>(null, Enumerable.Range(0, 60).ToArray());
        return array;
    }
}
