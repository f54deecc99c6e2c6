using System.Globalization;
using ZarrCache.Zarr.Codecs.Blosc;
using BloscCodec = ZarrCache.Zarr.Codecs.Blosc.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>Cross-checks with a real implementation: Debian's numcodecs (c-blosc 1.21) reads what we write, and we read what it writes.</summary>
public sealed class BloscNumcodecsTests : IDisposable
{
    private static readonly (BloscCompressor Compressor, string Name)[] Compressors =
    [
        (BloscCompressor.Lz4, "lz4"), (BloscCompressor.Lz4Hc, "lz4hc"), (BloscCompressor.Zstd, "zstd"),
        (BloscCompressor.Zlib, "zlib"), (BloscCompressor.Snappy, "snappy"), (BloscCompressor.BloscLz, "blosclz"),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("zarrcache-blosc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [NumcodecsFact]
    public void Numcodecs_decodes_every_frame_we_write()
    {
        var cases = new List<(string Name, byte[] Input)>();
        int[] typeSizes = [1, 2, 4, 8, 3];
        int[] lengths = [0, 100, 5000, 300_001];
        int[] levels = [1, 5, 9];
        var n = 0;
        foreach (var (compressor, cname) in Compressors)
        {
            foreach (var shuffle in Enum.GetValues<BloscShuffle>())
            {
                foreach (var typeSize in typeSizes)
                {
                    foreach (var length in lengths)
                    {
                        var level = levels[n % levels.Length];
                        var input = length % 2 == 0 ? BloscTestData.SmoothFloats(length / 4, n).AsSpan(0, length).ToArray() : BloscTestData.Compressible(length, n);
                        var name = string.Create(CultureInfo.InvariantCulture, $"{n++:D4}-{cname}-{shuffle}-t{typeSize}-n{length}-l{level}");
                        File.WriteAllBytes(Path.Combine(_folder, name + ".dat"), BloscCodec.Compress(input, typeSize, compressor, level, shuffle));
                        cases.Add((name, input));
                    }
                }
            }
        }

        NumcodecsRunner.Run(
            """
            import glob, os
            from numcodecs import blosc
            for path in sorted(glob.glob('*.dat')):
                with open(path, 'rb') as f:
                    frame = f.read()
                nbytes, cbytes, blocksize = blosc.cbuffer_sizes(frame)
                assert cbytes == len(frame), path
                # numcodecs 0.11 cannot decompress a 0-byte frame, even its own; check its header only.
                with open(path[:-4] + '.out', 'wb') as f:
                    f.write(bytes(blosc.decompress(frame)) if nbytes else b'')
            """,
            _folder);

        Assert.All(cases, c =>
        {
            var decoded = File.ReadAllBytes(Path.Combine(_folder, c.Name + ".out"));
            Assert.True(c.Input.AsSpan().SequenceEqual(decoded), $"numcodecs decodes {c.Name} to different bytes ({decoded.Length} for {c.Input.Length}).");
        });
    }

    [NumcodecsFact]
    public void We_decode_every_frame_numcodecs_writes()
    {
        NumcodecsRunner.Run(
            """
            import numpy as np
            from numcodecs import Blosc
            rng = np.random.default_rng(42)
            arrays = {
                'f4smooth': (np.sin(np.arange(70001) / 300.0) * 100 + rng.random(70001) * 0.01).astype('<f4'),
                'i8ramp': np.arange(33333, dtype='<i8') // 7,
                'u1mixed': np.concatenate([np.zeros(5000, 'u1'), rng.integers(0, 4, 20000).astype('u1'), np.arange(10000).astype('u1')]),
                'i2noise': rng.integers(-300, 300, 12345).astype('<i2'),
                'S3': np.array([b'abc', b'xyz', b'a'] * 3001, dtype='S3'),
                'tiny': np.arange(20, dtype='<i4'),
                'empty': np.zeros(0, dtype='<f8'),
            }
            n = 0
            for key, a in arrays.items():
                for cname in ['blosclz', 'lz4', 'lz4hc', 'snappy', 'zlib', 'zstd']:
                    for shuffle in [0, 1, 2]:
                        for clevel, blocksize in [(1, 0), (5, 0), (9, 0), (5, 256), (3, 1000)]:
                            codec = Blosc(cname=cname, clevel=clevel, shuffle=shuffle, blocksize=blocksize)
                            name = f'{n:04d}-{key}-{cname}-s{shuffle}-l{clevel}-b{blocksize}'
                            with open(name + '.dat', 'wb') as f:
                                f.write(codec.encode(a))
                            with open(name + '.raw', 'wb') as f:
                                f.write(a.tobytes())
                            n += 1
            print(n)
            """,
            _folder);

        var frames = Directory.GetFiles(_folder, "*.dat").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(7 * 6 * 3 * 5, frames.Length);
        Assert.All(frames, path =>
        {
            var expected = File.ReadAllBytes(Path.ChangeExtension(path, ".raw"));
            var decoded = BloscCodec.Decompress(File.ReadAllBytes(path), expected.Length);
            Assert.True(expected.AsSpan().SequenceEqual(decoded), $"{Path.GetFileName(path)} decodes to different bytes.");
        });
    }

    [NumcodecsFact]
    public void Block_size_and_flags_match_c_blosc()
    {
        // Repetitive data (the float32 values of i % 1000) keeps zstd's level 22 (c-blosc's level 9) fast on both sides.
        var input = new byte[262_144 * 4];
        for (var i = 0; i < 262_144; i++)
        {
            BitConverter.TryWriteBytes(input.AsSpan(i * 4), (float)(i % 1000));
        }

        File.WriteAllBytes(Path.Combine(_folder, "input.raw"), input);
        var output = NumcodecsRunner.Run(
            """
            import numpy as np
            from numcodecs import Blosc
            a = np.fromfile('input.raw', dtype='<f4')
            for cname in ['lz4', 'lz4hc', 'zstd', 'zlib', 'snappy', 'blosclz']:
                for clevel in range(1, 10):
                    for shuffle in [0, 1, 2]:
                        for dtype in ['<f4', '<f8', 'u1', '<i2']:
                            frame = Blosc(cname=cname, clevel=clevel, shuffle=shuffle).encode(a.view(dtype))
                            print(cname, clevel, shuffle, np.dtype(dtype).itemsize, frame[2] & 0xFD, frame[3], int.from_bytes(frame[8:12], 'little'))
            """,
            _folder);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(6 * 9 * 3 * 4, lines.Length);
        Assert.All(lines, line =>
        {
            var f = line.Split(' ');
            var compressor = Compressors.Single(c => c.Name == f[0]).Compressor;
            var level = int.Parse(f[1], CultureInfo.InvariantCulture);
            var shuffle = (BloscShuffle)int.Parse(f[2], CultureInfo.InvariantCulture);
            var typeSize = int.Parse(f[3], CultureInfo.InvariantCulture);
            var header = BloscCodec.ReadHeader(BloscCodec.Compress(input, typeSize, compressor, level, shuffle), input.Length);
            var ours = string.Create(CultureInfo.InvariantCulture, $"{f[0]} {level} {(int)shuffle} {typeSize} {header.Flags & 0xFD} {header.TypeSize} {header.BlockSize}");
            Assert.Equal(line, ours);
        });
    }
}
