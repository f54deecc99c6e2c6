namespace ZarrCache.Tests.TestSupport;

/// <summary>Drives tests/tools/zarr-python: arrays written by zarr-python 2.13 and arrays read back by it.</summary>
internal static class ZarrPython
{
    private static string Tools => Path.Combine(TestPaths.RepoRoot, "tests", "tools", "zarr-python");

    /// <summary>Writes an array from a JSON spec into <paramref name="dir"/>; returns the values written (.npy).</summary>
    public static NpyArray Make(string dir, string spec)
    {
        ExternalTool.RequireZarrPython();
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, [Path.Combine(Tools, "make_array.py"), dir, spec], null);
        Assert.True(code == 0, $"zarr-python could not write {spec}: {output}");
        return NpyReader.Read(dir + ".expected.npy");
    }

    /// <summary>Reads the array in <paramref name="dir"/> with zarr-python; returns its values (.npy).</summary>
    public static NpyArray Read(string dir)
    {
        ExternalTool.RequireZarrPython();
        var npy = dir + ".read.npy";
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, [Path.Combine(Tools, "read_array.py"), dir, npy], null);
        Assert.True(code == 0, $"zarr-python could not read {dir}: {output}");
        return NpyReader.Read(npy);
    }

    /// <summary>
    /// Reads regions of the array in <paramref name="dir"/> with zarr-python (NumPy basic indexing, z[1:7, 2:5]);
    /// returns each region's values (.npy), in the order of <paramref name="selections"/> (ArraySelection text).
    /// </summary>
    public static IReadOnlyList<NpyArray> ReadRegions(string dir, IReadOnlyList<string> selections)
    {
        ExternalTool.RequireZarrPython();
        var prefix = dir + ".region";
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, [Path.Combine(Tools, "read_regions.py"), dir, prefix, .. selections], null);
        Assert.True(code == 0, $"zarr-python could not read regions of {dir}: {output}");
        return selections.Select((_, i) => NpyReader.Read($"{prefix}.{i}.npy")).ToArray();
    }
}
