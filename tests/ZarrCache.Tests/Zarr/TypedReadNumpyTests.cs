using System.Globalization;
using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// The typed reads against NumPy (Debian python3-numpy, with arrays written by python3-zarr at test time): conversions
/// equal <c>astype</c> under <c>np.can_cast</c>'s rules, selections with steps, negative indexes and <c>...</c> equal
/// NumPy's slicing.
/// </summary>
public sealed class TypedReadNumpyTests : IDisposable
{
    private static readonly string[] NumericTypes = ["i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "f2", "f4", "f8"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "zarrcache-typed-" + Guid.NewGuid().ToString("N"));

    public TypedReadNumpyTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Conversions_equal_numpy_astype_and_refusals_follow_numpy_can_cast()
    {
        // Integers from each type's edges (negatives wrap into unsigned types, as in NumPy); floats inside every
        // integer type's range (NumPy leaves out-of-range float-to-int casts undefined). The last two elements lie in a
        // chunk never written: they read as the fill value 7, converted as any element.
        var output = ExternalTool.RunPython($$"""
            import json, numpy as np, zarr
            out = []
            for src in {{PythonList(NumericTypes)}}:
                dt = np.dtype(src)
                if dt.kind == 'f':
                    values = [0.5, 2.75, 100.0, 0.0, 3.14159, 1e-3, 126.9, 7.25]
                else:
                    info = np.iinfo(dt)
                    values = [int(info.min), int(info.max), 0, 1, 100, int(info.max) - 1, 3, 42]
                z = zarr.open('{{_root}}/' + src, mode='w', shape=(10,), chunks=(4,), dtype=src, fill_value=7)
                z[0:8] = np.array(values, dtype=src)
                a = z[:]
                for dst in {{PythonList(NumericTypes)}}:
                    for casting in ['safe', 'same_kind', 'unsafe']:
                        ok = bool(np.can_cast(dt, np.dtype(dst), casting))
                        with np.errstate(all='ignore'):
                            vals = [repr(float(v)) if np.dtype(dst).kind == 'f' else str(int(v)) for v in a.astype(dst)] if ok else None
                        out.append({'src': src, 'dst': dst, 'casting': casting, 'ok': ok, 'values': vals})
            print(json.dumps(out))
            """);

        var checkedCasts = 0;
        foreach (var c in JsonDocument.Parse(output).RootElement.EnumerateArray())
        {
            var (src, dst, casting) = (c.GetProperty("src").GetString()!, c.GetProperty("dst").GetString()!, c.GetProperty("casting").GetString()!);
            var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), src);
            var rule = casting switch { "safe" => ZarrCasting.Safe, "same_kind" => ZarrCasting.SameKind, _ => ZarrCasting.Unsafe };
            var because = $"{src} -> {dst} with casting {casting}";
            if (!c.GetProperty("ok").GetBoolean())
            {
                var e = await Assert.ThrowsAsync<ArgumentException>(() => ReadAs(array, dst, rule));
                Assert.True(e.Message.Contains("ZarrCasting.", StringComparison.Ordinal), because + ": " + e.Message);
                continue;
            }

            var expected = c.GetProperty("values").EnumerateArray().Select(v => Normalize(v.GetString()!, dst)).ToArray();
            var actual = await ReadAs(array, dst, rule);
            Assert.True(expected.SequenceEqual(actual), $"{because}: numpy [{string.Join(", ", expected)}], read [{string.Join(", ", actual)}]");
            checkedCasts++;
        }

        Assert.True(checkedCasts > 100, $"only {checkedCasts} conversions were compared");
    }

    [Fact]
    public async Task Selections_with_steps_negative_indexes_and_ellipsis_equal_numpy_slicing()
    {
        string[] selections =
        [
            "0:6:2, -1, ...", "::-1", "..., 1", "-2:, ::3, 1:-1:2", "5:1:-2, ..., -3", "...", "1, 2, 3", "::-2, ::-3, ::-4",
            "10:, :", "-100:100:7", ":, 5:2, :", "4:0:-1, 0:7:3", "-1, ..., ::-5", ":, -8:-2:2",
        ];
        var output = ExternalTool.RunPython($$"""
            import json, numpy as np, zarr
            a = np.arange(6 * 7 * 8, dtype='i4').reshape(6, 7, 8)
            z = zarr.open('{{_root}}/cube', mode='w', shape=a.shape, chunks=(4, 3, 5), dtype='i4')
            z[...] = a
            out = []
            for s in {{PythonList(selections)}}:
                r = np.asarray(eval('a[' + s + ']'))
                out.append({'selection': s, 'shape': list(r.shape), 'data': r.ravel().tolist()})
            print(json.dumps(out))
            """);

        var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), "cube");
        foreach (var c in JsonDocument.Parse(output).RootElement.EnumerateArray())
        {
            var selection = ArraySelection.Parse(c.GetProperty("selection").GetString()!);
            var read = await array.ReadAsync<int>(selection);
            var converted = await array.ReadAsync<double>(selection);

            Assert.Equal(c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray(), read.Shape);
            var expected = c.GetProperty("data").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(expected, read.Data);
            Assert.Equal(expected.Select(v => (double)v).ToArray(), converted.Data);
        }
    }

    [Fact]
    public async Task A_selection_built_in_code_reads_as_its_text_does_and_gives_a_tensor_and_net_multidimensional_arrays()
    {
        await WriteCubeAsync();
        var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), "cube");
        var built = new ArraySelection([DimensionSelection.Slice(null, null, -2), DimensionSelection.Ellipsis, DimensionSelection.Index(-1)]);

        var fromCode = await array.ReadAsync<int>(built);
        var fromText = await array.ReadAsync<int>(ArraySelection.Parse("::-2, ..., -1"));
        var cube = (await array.ReadAsync<int>()).ToArray3D();
        var plane = fromCode.ToArray2D();
        var tensor = fromCode.ToTensor();

        Assert.Equal(fromText.Data, fromCode.Data);
        Assert.Equal(new long[] { 3, 7 }, fromCode.Shape);
        Assert.Equal(cube[5, 3, 7], plane[0, 3]);
        Assert.Equal(new nint[] { 3, 7 }, tensor.Lengths.ToArray());
        Assert.Equal(cube[1, 6, 7], tensor[2, 6]);
        Assert.Equal((((5 * 7) + 3) * 8) + 7, cube[5, 3, 7]);
        Assert.Contains("[3, 7]", Assert.Throws<InvalidOperationException>(() => fromCode.ToArray3D()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0:2, 9", "dimension 1", "9")]
    [InlineData(":, ::0", "dimension 1", "step 0")]
    [InlineData("1, 2, 3, 4", "4 dimensions", "only 3")]
    [InlineData("1, x", "dimension 1", "'x'")]
    [InlineData("..., 1, ...", "dimension 2", "'...'")]
    public async Task A_bad_selection_is_one_line_naming_the_dimension_and_value(string text, string dimension, string value)
    {
        await WriteCubeAsync();
        var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), "cube");

        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => array.ReadAsync<int>(ArraySelection.Parse(text)));

        var line = e.Message.Split('\n')[0];
        Assert.Contains(dimension, line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_buffer_of_the_wrong_size_is_refused_naming_both_sizes_also_with_a_conversion()
    {
        await WriteCubeAsync();
        var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), "cube");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => array.ReadIntoAsync<double>(ArraySelection.Parse("0:2, ::-3, 1"), new double[7]));
        var right = new long[6];
        var shape = await array.ReadIntoAsync<long>(ArraySelection.Parse("0:2, ::-3, 1"), right);

        Assert.Contains("holds 6 elements", e.Message, StringComparison.Ordinal);
        Assert.Contains("room for 7", e.Message, StringComparison.Ordinal);
        Assert.Equal(new long[] { 2, 3 }, shape);
        Assert.Equal(new long[] { 49, 25, 1, 105, 81, 57 }, right);
    }

    [Fact]
    public async Task A_write_with_steps_is_refused_naming_the_selection()
    {
        await WriteCubeAsync();
        var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), "cube");

        var e = await Assert.ThrowsAsync<ArgumentException>(() => array.WriteAsync<int>(ArraySelection.Parse("::2, 0, 0"), new int[3]));

        Assert.Contains("'::2,0,0' has steps", e.Message, StringComparison.Ordinal);
    }

    private static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => "'" + i + "'")) + "]";

    private async Task WriteCubeAsync()
    {
        var store = new FileSystemStore(_root);
        var cube = await ZarrArray.CreateAsync(store, "cube", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [6, 7, 8], ChunkShape = [4, 3, 5], DataType = ZarrCache.Zarr.DataTypes.ZarrDataTypeKind.Int32,
        });
        await cube.WriteAsync<int>(null, Enumerable.Range(0, 6 * 7 * 8).ToArray());
    }

    private static string Normalize(string python, string dst)
    {
        if (dst[0] != 'f')
        {
            return python;
        }

        var d = python switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => double.Parse(python, CultureInfo.InvariantCulture),
        };
        return Normalize(d);
    }

    private static string Normalize(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static async Task<string[]> ReadAs(ZarrArray array, string dst, ZarrCasting casting) => dst switch
    {
        "i1" => Integers(await array.ReadAsync<sbyte>(null, casting)),
        "u1" => Integers(await array.ReadAsync<byte>(null, casting)),
        "i2" => Integers(await array.ReadAsync<short>(null, casting)),
        "u2" => Integers(await array.ReadAsync<ushort>(null, casting)),
        "i4" => Integers(await array.ReadAsync<int>(null, casting)),
        "u4" => Integers(await array.ReadAsync<uint>(null, casting)),
        "i8" => Integers(await array.ReadAsync<long>(null, casting)),
        "u8" => Integers(await array.ReadAsync<ulong>(null, casting)),
        "f2" => (await array.ReadAsync<Half>(null, casting)).Data.Select(v => Normalize((double)v)).ToArray(),
        "f4" => (await array.ReadAsync<float>(null, casting)).Data.Select(v => Normalize(v)).ToArray(),
        "f8" => (await array.ReadAsync<double>(null, casting)).Data.Select(Normalize).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(dst), dst, "not a numeric type"),
    };

    private static string[] Integers<T>(ZarrArrayData<T> data)
        where T : IFormattable =>
        data.Data.Select(v => v.ToString(null, CultureInfo.InvariantCulture)).ToArray();
}
