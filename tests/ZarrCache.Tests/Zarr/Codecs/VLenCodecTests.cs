using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.VariableLength;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Codecs;

public class VLenCodecTests
{
    private static readonly VLenCodec Codec = new("vlen-utf8");

    [Fact]
    public void The_frame_is_numcodecs_count_then_length_prefixed_items()
    {
        var frame = Codec.Encode<string?>(new[] { "a", null, "é" }, StringItems.Instance);
        Assert.Equal("03000000" + "0100000061" + "00000000" + "02000000C3A9", Convert.ToHexString(frame));
        var items = new string?[3];
        Codec.Decode<string?>(frame, items, StringItems.Instance, "k");
        Assert.Equal(new string?[] { "a", "", "é" }, items);
    }

    [Theory]
    [InlineData("02000000", "declares 2 items; the chunk holds 3")]
    [InlineData("0300000001000000", "item 0 declares 1 bytes")]
    [InlineData("03000000FFFFFFFF41", "item 0 declares 4294967295 bytes")]
    [InlineData("030000000100000041010000", "item 1's length is cut off")]
    [InlineData("0300", "no 4-byte item count")]
    [InlineData("0300000001000000FF0000000000000000", "item 0: an item of 1 bytes is not UTF-8")]
    public void A_corrupt_frame_is_refused_naming_the_chunk_and_the_problem(string hex, string problem)
    {
        var e = Assert.Throws<ZarrFormatException>(() => Codec.Decode<string?>(Convert.FromHexString(hex), new string?[3], StringItems.Instance, "arr/0.1"));
        Assert.StartsWith("arr/0.1: corrupt vlen-utf8 chunk", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_beyond_the_frame_is_refused_before_allocating()
    {
        var frame = Convert.FromHexString("01000000" + "F0FFFF7F" + "4142");
        var items = new byte[]?[1];
        _ = Assert.Throws<ZarrFormatException>(() => Codec.Decode<byte[]?>(frame, items, ByteStringItems.Instance, "k"));
        var allocated = Allocations.Fewest(() => Assert.Throws<ZarrFormatException>(() => Codec.Decode<byte[]?>(frame, items, ByteStringItems.Instance, "k")));
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes were allocated to refuse a frame declaring a 2 GiB item.");
    }

    /// <summary>
    /// Fuzzed frames (valid ones with flipped bytes, cut short, extended, or with a count or length overwritten by a
    /// hostile value) either decode or are refused naming the chunk: never another exception, and never more allocated
    /// than the frame's bytes justify (items are at most the frame's length; a string takes two bytes a byte).
    /// </summary>
    [Property(MaxTest = 400)]
    public bool Fuzzed_frames_decode_or_are_refused_by_name_without_over_allocating(int seed, byte count, bool asBytes)
    {
        var random = new Random(seed);
        var n = count % 12;
        var strings = Enumerable.Range(0, n).Select(i => new string((char)('a' + random.Next(26)), random.Next(0, 9)) + (i % 4 == 0 ? "é🚀" : string.Empty)).ToArray();
        var frame = Mutate(Codec.Encode<string?>(strings, StringItems.Instance), random);
        var items = n;
        var allocated = Allocations.Fewest(() => Decode(frame, items, asBytes), attempts: 2);
        return allocated <= (4L * frame.Length) + (64L * items) + (64 * 1024);
    }

    private static void Decode(byte[] frame, int count, bool asBytes)
    {
        try
        {
            if (asBytes)
            {
                Codec.Decode<byte[]?>(frame, new byte[]?[count], ByteStringItems.Instance, "fuzz/0");
            }
            else
            {
                Codec.Decode<string?>(frame, new string?[count], StringItems.Instance, "fuzz/0");
            }
        }
        catch (ZarrFormatException e) when (e.Message.StartsWith("fuzz/0: ", StringComparison.Ordinal))
        {
            // Refused by name: the one allowed failure.
        }
    }

    private static byte[] Mutate(byte[] frame, Random random)
    {
        var mutated = (byte[])frame.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (var i = 0; i < 1 + random.Next(4); i++)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                return mutated;
            case 1:
                return mutated.AsSpan(0, random.Next(mutated.Length)).ToArray();
            case 2:
                return [.. mutated, .. Enumerable.Range(0, random.Next(1, 32)).Select(_ => (byte)random.Next(256))];
            default:
                // A count or length field (4-byte aligned positions hold them in short frames) overwritten by a hostile value.
                var at = random.Next(0, Math.Max(1, (mutated.Length / 4) - 1)) * 4;
                uint[] hostile = [uint.MaxValue, int.MaxValue, 0x7FFFFFC7, (uint)mutated.Length, (uint)mutated.Length + 1, 0];
                if (at + 4 <= mutated.Length)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(mutated.AsSpan(at), hostile[random.Next(hostile.Length)]);
                }

                return mutated;
        }
    }

    [Fact]
    public async Task A_corrupt_chunk_of_a_string_array_is_refused_naming_the_chunk()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "names", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [4], ChunkShape = [2], ElementType = ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String),
        });
        await array.WriteStringsAsync(null, new[] { "a", "bb", "ccc", "dddd" });
        var chunk = (await store.GetAsync("names/1"))!.Value.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), 1000);
        await store.SetAsync("names/1", chunk);

        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => array.ReadStringsAsync());
        Assert.StartsWith("names/1: corrupt vlen-utf8 chunk: item 0 declares 1000 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(new string?[] { "a", "bb" }, (await array.ReadStringsAsync(ArraySelection.Parse("0:2"))).Data);
    }

    [Fact]
    public void Strict_utf8_never_replaces_bytes()
    {
        Assert.Throws<FormatException>(() => StringItems.Instance.FromBytes([0xC3]));
        Assert.Equal("é", StringItems.Instance.FromBytes(Encoding.UTF8.GetBytes("é")));
    }
}
