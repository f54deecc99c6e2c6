namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>Where the shared golden data is, and inputs for the Blosc tests.</summary>
internal static class BloscTestData
{
    /// <summary>Gets the numcodecs fixture folder for blosc (../shared/testdata/numcodecs-fixture/blosc from the repository root).</summary>
    public static string FixtureFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZarrCache.slnx")))
            {
                dir = dir.Parent;
            }

            if (dir?.Parent is null)
            {
                throw new InvalidOperationException("The repository root (the folder holding ZarrCache.slnx) was not found above " + AppContext.BaseDirectory);
            }

            var folder = Path.Combine(dir.Parent.FullName, "shared", "testdata", "numcodecs-fixture", "blosc");
            if (!Directory.Exists(folder))
            {
                throw new InvalidOperationException($"The golden data folder {folder} is missing; it must sit beside the repository as ../shared/testdata.");
            }

            return folder;
        }
    }

    /// <summary>Bytes that compress somewhat: runs, a slow ramp of little-endian numbers and some noise.</summary>
    public static byte[] Compressible(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        var i = 0;
        while (i < length)
        {
            var run = Math.Min(length - i, random.Next(1, 200));
            switch (random.Next(3))
            {
                case 0:
                    data.AsSpan(i, run).Fill((byte)random.Next(256));
                    break;
                case 1:
                    for (var k = 0; k < run; k++)
                    {
                        data[i + k] = (byte)((i + k) / 7);
                    }

                    break;
                default:
                    random.NextBytes(data.AsSpan(i, run));
                    break;
            }

            i += run;
        }

        return data;
    }

    /// <summary>A smooth float32 field (a sine with a little noise), as little-endian bytes.</summary>
    public static byte[] SmoothFloats(int count, int seed)
    {
        var random = new Random(seed);
        var data = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            var value = (float)(Math.Sin(i / 500.0) * 100 + (random.NextDouble() * 0.01));
            BitConverter.TryWriteBytes(data.AsSpan(i * 4), value);
        }

        return data;
    }
}
