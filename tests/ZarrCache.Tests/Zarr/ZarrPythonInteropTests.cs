using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Agreement with Debian's zarr-python 2.13 (v2): arrays it writes read back exactly, and v2 arrays ZarrCache writes
/// read back exactly with it. Blosc cases are in <see cref="BloscArrayTests"/>.
/// </summary>
public class ZarrPythonInteropTests
{
    public static TheoryData<string> PythonWrittenSpecs() => new()
    {
        """{"dtype":"<f8","shape":[13,7],"chunks":[4,3],"compressor":{"id":"zstd","level":3}}""",
        """{"dtype":"<i4","shape":[13,7],"chunks":[4,3],"compressor":{"id":"gzip","level":5}}""",
        """{"dtype":"<u2","shape":[100],"chunks":[30],"compressor":{"id":"lz4","acceleration":1}}""",
        """{"dtype":"<i2","shape":[9,9],"chunks":[4,4],"compressor":{"id":"bz2","level":9}}""",
        """{"dtype":"<f4","shape":[9,9],"chunks":[4,4],"compressor":{"id":"zlib","level":1}}""",
        """{"dtype":"<i8","shape":[5,6,7],"chunks":[2,4,3],"compressor":{"id":"zstd","level":1},"order":"F"}""",
        """{"dtype":"<f8","shape":[6,6],"chunks":[4,4],"compressor":null,"sep":"/"}""",
        """{"dtype":"<f4","shape":[10,4],"chunks":[3,4],"compressor":{"id":"zstd","level":1},"fill":"NaN","partial":true}""",
        """{"dtype":"<i4","shape":[10,4],"chunks":[3,4],"compressor":{"id":"gzip","level":1},"fill":-5,"partial":true}""",
        """{"dtype":"|i1","shape":[50],"chunks":[16],"compressor":{"id":"zstd","level":1}}""",
        """{"dtype":"|u1","shape":[50],"chunks":[16],"compressor":null}""",
        """{"dtype":"<u4","shape":[50],"chunks":[16],"compressor":{"id":"gzip","level":1}}""",
        """{"dtype":"<u8","shape":[50],"chunks":[16],"compressor":{"id":"zstd","level":1}}""",
        """{"dtype":">i4","shape":[50],"chunks":[16],"compressor":{"id":"zstd","level":1}}""",
        """{"dtype":">f8","shape":[5,5],"chunks":[2,2],"compressor":{"id":"gzip","level":1},"order":"F"}""",
        """{"dtype":"|b1","shape":[31],"chunks":[8],"compressor":{"id":"zlib","level":1}}""",
        """{"dtype":"<c8","shape":[7,3],"chunks":[2,2],"compressor":{"id":"zstd","level":1}}""",
        """{"dtype":"<c16","shape":[7,3],"chunks":[2,2],"compressor":{"id":"lz4","acceleration":1},"order":"F"}""",
        """{"dtype":"<f2","shape":[20],"chunks":[6],"compressor":{"id":"bz2","level":1}}""",
    };

    [Theory]
    [MemberData(nameof(PythonWrittenSpecs))]
    public async Task Array_written_by_zarr_python_reads_back_exactly(string spec)
    {
        await AssertPythonWrittenReadsBackAsync(spec);
    }

    internal static async Task AssertPythonWrittenReadsBackAsync(string spec)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "a.zarr");
        var expected = ZarrPython.Make(dir, spec);

        var array = await ZarrArray.OpenAsync(new FileSystemStore(dir));
        var data = await array.ReadAsync();

        Assert.Equal(expected.Shape, data.Shape);
        Assert.Equal(expected.Data, data.Bytes);
    }

    public static TheoryData<string, string> ZarrCacheWrittenCases() => new()
    {
        { "<f8", "none" }, { "<i4", "gzip" }, { "<u2", "zstd" }, { "<i2", "lz4" }, { "<f4", "bz2" }, { "<i8", "zlib" },
        { ">i4", "zstd" }, { "|b1", "gzip" }, { "<c16", "zstd" }, { "|u1", "F" }, { "<f4", "slash" }, { "<f8", "nan-missing" },
    };

    [Theory]
    [MemberData(nameof(ZarrCacheWrittenCases))]
    public async Task V2_array_written_by_ZarrCache_reads_back_exactly_with_zarr_python(string dtype, string variant)
    {
        await AssertZarrCacheWrittenReadsBackAsync(dtype, variant, null);
    }

    internal static async Task AssertZarrCacheWrittenReadsBackAsync(string dtype, string variant, ZarrCompressor? compressorOverride)
    {
        using var temp = new TempDirectory();
        var dir = Path.Combine(temp.Path, "w.zarr");
        var type = ZarrDataType.ParseV2(dtype, "test");
        var options = new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [9, 7],
            ChunkShape = [4, 3],
            DataType = type.Kind,
            BigEndian = type.ByteOrder == ZarrByteOrder.Big,
            Compressor = compressorOverride ?? (variant is "gzip" or "zstd" or "lz4" or "bz2" or "zlib" ? new ZarrCompressor(variant, 1) : null),
            Order = variant == "F" ? "F" : "C",
            Separator = variant == "slash" ? '/' : null,
            FillValue = variant == "nan-missing" ? double.NaN : 0,
        };
        var array = await ZarrArray.CreateAsync(new FileSystemStore(dir), "", options);
        var bytes = Values(type, 63);
        ArraySelection? selection = null;
        if (variant == "nan-missing")
        {
            selection = ArraySelection.Parse("0:4");
            var full = new byte[bytes.Length];
            RegionFill(full, type, BitConverter.Int64BitsToDouble(0x7FF8000000000000));
            bytes.AsSpan(0, 4 * 7 * type.Size).CopyTo(full);
            await array.WriteBytesAsync(selection, bytes.AsMemory(0, 4 * 7 * type.Size));
            bytes = full;
        }
        else
        {
            await array.WriteBytesAsync(null, bytes);
        }

        var theirs = ZarrPython.Read(dir);

        Assert.Equal(new long[] { 9, 7 }, theirs.Shape);
        Assert.Equal(bytes, theirs.Data);
    }

    internal static byte[] Values(ZarrDataType type, int count)
    {
        var bytes = new byte[count * type.Size];
        for (var i = 0; i < count; i++)
        {
            var span = bytes.AsSpan(i * type.Size, type.Size);
            switch (type.Kind)
            {
                case ZarrDataTypeKind.Bool: span[0] = (byte)(i % 3 == 0 ? 1 : 0); break;
                case ZarrDataTypeKind.Float16: BitConverter.TryWriteBytes(span, (Half)((i * 0.5) - 3)); break;
                case ZarrDataTypeKind.Float32: BitConverter.TryWriteBytes(span, (i * 0.75f) - 11); break;
                case ZarrDataTypeKind.Float64: BitConverter.TryWriteBytes(span, (i * 0.75) - 11.5); break;
                case ZarrDataTypeKind.Complex64: BitConverter.TryWriteBytes(span, i * 1.5f); BitConverter.TryWriteBytes(span[4..], -i * 0.25f); break;
                case ZarrDataTypeKind.Complex128: BitConverter.TryWriteBytes(span, i * 1.5); BitConverter.TryWriteBytes(span[8..], -i * 0.25); break;
                default:
                    for (var b = 0; b < type.Size; b++)
                    {
                        span[b] = (byte)((i * 131) + (b * 29) + 7);
                    }

                    break;
            }
        }

        return bytes;
    }

    private static void RegionFill(byte[] target, ZarrDataType type, double value)
    {
        for (var i = 0; i < target.Length / type.Size; i++)
        {
            if (type.Kind == ZarrDataTypeKind.Float64)
            {
                BitConverter.TryWriteBytes(target.AsSpan(i * 8), value);
            }
        }
    }
}
