using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ZarrCache.DiskCacheProbe;

/// <summary>
/// Large self-checking values (64 KiB to 1 MiB) for the shared-budget runs: the value of key <c>k</c> in version
/// <c>v</c> starts with k and v, and its length and every following byte are derived from (k, v), so any process can
/// check that the bytes read for a key are exactly one version's value of that key.
/// </summary>
public static class SharedValues
{
    public const int MinLength = 64 * 1024;
    public const int MaxLength = 1024 * 1024;

    public static StoreKey KeyOf(int k) => $"shared/c/{k}";

    public static int LengthOf(int k, long version) => MinLength + (int)(Mix(((ulong)k << 40) ^ (ulong)version) % (MaxLength - MinLength + 1));

    public static byte[] ValueOf(int k, long version)
    {
        var value = GC.AllocateUninitializedArray<byte>(LengthOf(k, version));
        Fill(k, version, value);
        return value;
    }

    /// <summary>Whether <paramref name="bytes"/> is exactly some version's value of key <paramref name="k"/>.</summary>
    public static bool IsValueOf(int k, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16 || BinaryPrimitives.ReadInt64LittleEndian(bytes) != k)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        if (bytes.Length != LengthOf(k, version))
        {
            return false;
        }

        var expected = GC.AllocateUninitializedArray<byte>(bytes.Length);
        Fill(k, version, expected);
        return bytes.SequenceEqual(expected);
    }

    private static void Fill(int k, long version, Span<byte> value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(value, k);
        BinaryPrimitives.WriteInt64LittleEndian(value[8..], version);
        var words = MemoryMarshal.Cast<byte, ulong>(value[16..]);
        var state = ((ulong)k * 0x9E3779B97F4A7C15UL) ^ (ulong)version;
        for (var i = 0; i < words.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            words[i] = Mix(state);
        }

        for (var i = 16 + (words.Length * 8); i < value.Length; i++)
        {
            value[i] = (byte)(k + version + i);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
