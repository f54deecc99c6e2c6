using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ZarrCache.Tests.TestSupport;

/// <summary>A NumPy .npy file read for tests: the dtype string, the order, the shape and the raw data bytes.</summary>
internal sealed partial class NpyTestFile
{
    private NpyTestFile(string descr, bool fortranOrder, long[] shape, byte[] data)
    {
        Descr = descr;
        FortranOrder = fortranOrder;
        Shape = shape;
        Data = data;
    }

    /// <summary>Gets the dtype string, e.g. <c>&lt;f8</c> or <c>|b1</c>.</summary>
    public string Descr { get; }

    /// <summary>Gets a value indicating whether the data is in Fortran (column-major) order.</summary>
    public bool FortranOrder { get; }

    /// <summary>Gets the shape.</summary>
    public long[] Shape { get; }

    /// <summary>Gets the raw data bytes exactly as stored after the header.</summary>
    public byte[] Data { get; }

    public static NpyTestFile Read(string path) => Parse(File.ReadAllBytes(path));

    public static NpyTestFile Parse(byte[] bytes)
    {
        ReadOnlySpan<byte> magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(magic))
        {
            throw new InvalidDataException("Not a .npy file: the magic string is missing.");
        }

        int headerLength;
        int headerStart;
        if (bytes[6] == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            headerStart = 10;
        }
        else
        {
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
            headerStart = 12;
        }

        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shape.Success)
        {
            throw new InvalidDataException($"Unreadable .npy header: {header}");
        }

        var dims = shape.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture))
            .ToArray();
        return new NpyTestFile(descr.Groups[1].Value, order.Groups[1].Value == "True", dims, bytes[(headerStart + headerLength)..]);
    }

    [GeneratedRegex(@"'descr':\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
