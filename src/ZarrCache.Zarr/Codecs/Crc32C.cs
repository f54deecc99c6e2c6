using System.Buffers.Binary;
using System.Numerics;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78); System.IO.Hashing has only CRC-32 and CRC-64.
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2 / Arm64 CRC instruction (8 bytes a step) where the
/// CPU has one; the table-driven loop stays as the reference the tests compare against.
/// </summary>
internal static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    /// <summary>The byte-at-a-time table loop (the previous implementation).</summary>
    internal static uint ComputeReference(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
