using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace ZarrCache.Tests.TestSupport;

/// <summary>Reads NumPy .npy files (versions 1-3): the dtype string, Fortran order flag, shape and raw data bytes.</summary>
internal static partial class NpyReader
{
    public static NpyArray Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static NpyArray Parse(byte[] bytes, string name)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{name} is not a .npy file.");
        }

        var major = bytes[6];
        int headerLength, headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
            headerStart = 10;
        }
        else
        {
            headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
            headerStart = 12;
        }

        var header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        var fortran = FortranPattern().Match(header).Groups[1].Value == "True";
        var shapeText = ShapePattern().Match(header).Groups[1].Value;
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        return new NpyArray(descr, fortran, shape, bytes.AsSpan(headerStart + headerLength).ToArray());
    }

    /// <summary>Writes a version 1 .npy header for data that follows it.</summary>
    public static byte[] Header(string descr, long[] shape)
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        var total = 10 + dict.Length + 1;
        var pad = (64 - (total % 64)) % 64;
        var text = dict + new string(' ', pad) + "\n";
        var result = new byte[10 + text.Length];
        result[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(result, 1);
        result[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text).CopyTo(result, 10);
        return result;
    }

    [GeneratedRegex(@"'descr':\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

/// <summary>A parsed .npy file.</summary>
internal sealed record NpyArray(string Descr, bool FortranOrder, long[] Shape, byte[] Data);
