using System.Buffers.Binary;
using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.TestSupport;

/// <summary>Lists the zarrita fixture arrays and compares ZarrCache's read of one with zarrita's, element by element.</summary>
internal static class ZarritaComparison
{
    private static readonly HashSet<string> NumericV3 = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64", "complex64", "complex128"];

    private static readonly HashSet<string> StringV3 = ["string", "bytes", "variable_length_bytes", "fixed_length_utf32", "null_terminated_bytes"];

    public sealed record FixtureArray(string Version, string Path, bool IsNumeric, bool UsesBlosc, string TypeName)
    {
        /// <summary>Whether the array holds strings: v2 &lt;U#, |S#, |O; v3 string and the other string types.</summary>
        public bool IsString => Version == "v2" ? TypeName.Length >= 2 && TypeName[1] is 'U' or 'S' or 'O' : StringV3.Contains(TypeName);
    }

    public static IReadOnlyList<FixtureArray> All()
    {
        var result = new List<FixtureArray>();
        foreach (var version in new[] { "v2", "v3" })
        {
            var root = Root(version);
            foreach (var file in Directory.EnumerateFiles(root, version == "v2" ? ".zarray" : "zarr.json", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                using var doc = JsonDocument.Parse(text);
                var path = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
                string type;
                if (version == "v2")
                {
                    type = doc.RootElement.GetProperty("dtype").ToString();
                    var numeric = type.Length >= 3 && type[1] is 'b' or 'i' or 'u' or 'f' or 'c';
                    result.Add(new FixtureArray(version, path, numeric, text.Contains("\"blosc\"", StringComparison.Ordinal), type));
                }
                else if (doc.RootElement.GetProperty("node_type").GetString() == "array")
                {
                    type = doc.RootElement.GetProperty("data_type").ToString();
                    result.Add(new FixtureArray(version, path, NumericV3.Contains(type), text.Contains("\"blosc\"", StringComparison.Ordinal), type));
                }
            }
        }

        return result.OrderBy(a => a.Version + "/" + a.Path, StringComparer.Ordinal).ToArray();
    }

    public static string Root(string version) => Path.Combine(TestPaths.ZarritaFixtures, version, "data.zarr");

    public static async Task AssertSameAsZarritaAsync(string version, string path)
    {
        var root = Root(version);
        var array = await ZarrArray.OpenAsync(new FileSystemStore(root), path);
        using var theirs = JsonDocument.Parse(ExternalTool.ReadWithZarrita(root, path, version));
        if (array.DataType.IsString)
        {
            AssertEqualStrings(await array.ReadStringsAsync(), theirs.RootElement, $"{version}/{path}");
            return;
        }

        var ours = await array.ReadAsync();
        AssertEqual(ours, theirs.RootElement, $"{version}/{path}");
    }

    /// <summary>Strings compare exactly (ordinal), element by element, with the shape.</summary>
    public static void AssertEqualStrings(ZarrArrayData<string?> ours, JsonElement theirs, string name)
    {
        var shape = theirs.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(shape, ours.Shape);
        var data = theirs.GetProperty("data").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.True(data.Length > 0, $"{name}: zarrita read no elements");
        Assert.Equal(data, ours.Data);
    }

    public static void AssertEqual(ZarrArrayData ours, JsonElement theirs, string name)
    {
        var shape = theirs.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        Assert.Equal(shape, ours.Shape);
        var data = theirs.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(data.Length, ours.Length);
        var size = ours.DataType.Size;
        for (var i = 0; i < data.Length; i++)
        {
            var element = ours.Bytes.AsSpan(i * size, size);
            var expected = data[i];
            var ok = ours.DataType.Kind switch
            {
                ZarrDataTypeKind.Bool => expected.ValueKind == (element[0] != 0 ? JsonValueKind.True : JsonValueKind.False),
                ZarrDataTypeKind.Float16 => SameFloat(expected, (double)BinaryPrimitives.ReadHalfLittleEndian(element)),
                ZarrDataTypeKind.Float32 => SameFloat(expected, BinaryPrimitives.ReadSingleLittleEndian(element)),
                ZarrDataTypeKind.Float64 => SameFloat(expected, BinaryPrimitives.ReadDoubleLittleEndian(element)),
                ZarrDataTypeKind.UInt64 => Text(expected) == BinaryPrimitives.ReadUInt64LittleEndian(element).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ZarrDataTypeKind.Int64 => Text(expected) == BinaryPrimitives.ReadInt64LittleEndian(element).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => expected.ValueKind == JsonValueKind.Number && expected.GetDouble() == Integer(element, ours.DataType.Kind),
            };
            Assert.True(ok, $"{name}: element {i} differs: zarrita {expected.GetRawText()}, ZarrCache {Convert.ToHexString(element)}");
        }
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();

    private static bool SameFloat(JsonElement expected, double actual)
    {
        var e = expected.ValueKind == JsonValueKind.String
            ? expected.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, _ => double.NegativeInfinity }
            : expected.GetDouble();
        return e.Equals(actual);
    }

    private static double Integer(ReadOnlySpan<byte> b, ZarrDataTypeKind kind) => kind switch
    {
        ZarrDataTypeKind.Int8 => (sbyte)b[0],
        ZarrDataTypeKind.UInt8 => b[0],
        ZarrDataTypeKind.Int16 => BinaryPrimitives.ReadInt16LittleEndian(b),
        ZarrDataTypeKind.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        ZarrDataTypeKind.Int32 => BinaryPrimitives.ReadInt32LittleEndian(b),
        ZarrDataTypeKind.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        _ => throw new NotSupportedException(kind.ToString()),
    };
}
