using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Strings and times against Debian's zarr-python 2.13 (tests/tools/zarr-python/strings_times.py): vlen-utf8 and
/// vlen-bytes object arrays, &lt;U# and &gt;U#, |S#, datetime64 and timedelta64 in several units with NaT, and null
/// fill values, written by zarr-python (some chunks missing) read exactly here; the same written here read exactly there.
/// </summary>
public class ZarrPythonStringTimeInteropTests
{
    private static string Script => Path.Combine(TestPaths.RepoRoot, "tests", "tools", "zarr-python", "strings_times.py");

    [Fact]
    public async Task Arrays_zarr_python_writes_read_back_exactly()
    {
        using var dir = new TempDirectory();
        using var expected = JsonDocument.Parse(RunScript("write", dir.Path));
        Assert.True(expected.RootElement.EnumerateObject().Count() >= 17);
        foreach (var item in expected.RootElement.EnumerateObject())
        {
            var array = await ZarrArray.OpenAsync(new FileSystemStore(Path.Combine(dir.Path, item.Name)));
            var ours = await ReadAsJsonValuesAsync(array);
            var theirs = item.Value.GetProperty("data").EnumerateArray().Select(Text).ToArray();
            Assert.True(theirs.SequenceEqual(ours), $"{item.Name} ({array.DataType}): zarr-python [{string.Join(", ", theirs)}], ZarrCache [{string.Join(", ", ours)}]");
        }
    }

    [Fact]
    public async Task Arrays_ZarrCache_writes_read_back_exactly_in_zarr_python()
    {
        using var source = new TempDirectory();
        using var written = JsonDocument.Parse(RunScript("write", source.Path));
        using var dir = new TempDirectory();
        var store = new FileSystemStore(dir.Path);
        var names = new List<string>();
        var ours = new Dictionary<string, string?[]>();
        foreach (var item in written.RootElement.EnumerateObject())
        {
            // Each case is written again here, with the type, shape and chunks zarr-python gave it and the values it read.
            var original = await ZarrArray.OpenAsync(new FileSystemStore(Path.Combine(source.Path, item.Name)));
            var options = new ZarrArrayOptions
            {
                ZarrFormat = 2,
                Shape = original.Shape,
                ChunkShape = original.ChunkShape,
                ElementType = original.DataType.WithByteOrder(ZarrByteOrder.Little),
                BigEndian = original.DataType.ByteOrder == ZarrByteOrder.Big,
                FillValue = original.DataType.IsTime ? double.NaN : 0,
                Compressor = ZarrCompressor.Zstd(1),
            };
            var copy = await ZarrArray.CreateAsync(store, item.Name, options);
            await CopyAsync(original, copy);
            names.Add(item.Name);
            ours[item.Name] = await ReadAsJsonValuesAsync(copy);
        }

        using var read = JsonDocument.Parse(RunScript("read", dir.Path, [.. names]));
        foreach (var name in names)
        {
            var theirs = read.RootElement.GetProperty(name).GetProperty("data").EnumerateArray().Select(Text).ToArray();
            Assert.True(theirs.SequenceEqual(ours[name]), $"{name}: zarr-python [{string.Join(", ", theirs)}], ZarrCache [{string.Join(", ", ours[name])}]");
        }
    }

    [Fact]
    public async Task A_partial_string_write_leaves_missing_chunks_that_zarr_python_reads_as_the_fill()
    {
        using var dir = new TempDirectory();
        var store = new FileSystemStore(dir.Path);
        var array = await ZarrArray.CreateAsync(store, "s", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [7], ChunkShape = [3], ElementType = ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String),
        });
        await array.WriteStringsAsync(ArraySelection.Parse("1:3"), new[] { "é", null });
        using var read = JsonDocument.Parse(RunScript("read", dir.Path, "s"));
        var theirs = read.RootElement.GetProperty("s").GetProperty("data").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(new string?[] { "", "é", "", "", "", "", "" }, theirs);
        Assert.Equal(theirs, (await array.ReadStringsAsync()).Data);
        Assert.Equal([".zarray", ".zattrs", "0"], Directory.GetFiles(Path.Combine(dir.Path, "s")).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // chunks 1 and 2 never written
    }

    /// <summary>The values as strings_times.py prints them: strings, base64 byte strings, int64 time counts, numbers.</summary>
    private static async Task<string?[]> ReadAsJsonValuesAsync(ZarrArray array)
    {
        var type = array.DataType;
        if (type.Kind is ZarrDataTypeKind.String or ZarrDataTypeKind.FixedString)
        {
            return (await array.ReadStringsAsync()).Data;
        }

        if (type.Kind is ZarrDataTypeKind.VariableBytes or ZarrDataTypeKind.FixedBytes)
        {
            return (await array.ReadByteStringsAsync()).Data.Select(b => b is null ? null : Convert.ToBase64String(b)).ToArray();
        }

        if (type.IsTime || type.Kind == ZarrDataTypeKind.Int64)
        {
            return (await array.ReadAsync<long>()).Data.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        var data = await array.ReadAsync();
        return Enumerable.Range(0, (int)data.Length)
            .Select(i => ElementMathText(data, i))
            .ToArray();
    }

    private static string ElementMathText(ZarrArrayData data, int i)
    {
        var size = data.DataType.Size;
        var element = data.Bytes.AsSpan(i * size, size);
        double value = data.DataType.Kind switch
        {
            ZarrDataTypeKind.Float64 => BitConverter.ToDouble(element),
            ZarrDataTypeKind.Int32 => BitConverter.ToInt32(element),
            _ => throw new NotSupportedException(data.DataType.ToString()),
        };
        return value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A value strings_times.py printed, as <see cref="ReadAsJsonValuesAsync"/> writes it (numbers in round-trip form).</summary>
    private static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when e.GetRawText().Contains('.', StringComparison.Ordinal) => e.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => e.ToString(),
    };

    private static async Task CopyAsync(ZarrArray from, ZarrArray to)
    {
        var type = from.DataType;
        if (type.Kind is ZarrDataTypeKind.String or ZarrDataTypeKind.FixedString)
        {
            await to.WriteStringsAsync(null, (await from.ReadStringsAsync()).Data);
        }
        else if (type.IsString)
        {
            await to.WriteByteStringsAsync(null, (await from.ReadByteStringsAsync()).Data);
        }
        else
        {
            await to.WriteBytesAsync(null, (await from.ReadAsync()).Bytes);
        }
    }

    private static string RunScript(string verb, string root, params string[] names)
    {
        ExternalTool.RequireZarrPython();
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, [Script, verb, root, .. names], null);
        Assert.True(code == 0, $"strings_times.py {verb} failed: {output}");
        return output;
    }
}
