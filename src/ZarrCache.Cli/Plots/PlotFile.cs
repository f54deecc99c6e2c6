using ScottPlot;

namespace ZarrCache.Cli.Plots;

/// <summary>Saves a plot as PNG or SVG, chosen by the file's extension.</summary>
internal static class PlotFile
{
    /// <summary>The picture's width in pixels.</summary>
    public const int Width = 1000;

    /// <summary>The picture's height in pixels.</summary>
    public const int Height = 600;

    /// <summary>Checks that <paramref name="path"/> ends in .png or .svg, before any work is done.</summary>
    /// <param name="option">The option that named the file, for the error.</param>
    /// <param name="path">The picture's path.</param>
    /// <exception cref="ArgumentException">Another extension; the message names the option.</exception>
    public static void Check(string option, string path)
    {
        var extension = Path.GetExtension(path);
        if (!extension.Equals(".png", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{option} must name a .png or .svg file, was '{path}'.");
        }
    }

    /// <summary>Writes <paramref name="plot"/> to <paramref name="path"/> (.png or .svg).</summary>
    public static void Save(string option, Plot plot, string path)
    {
        Check(option, path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        if (Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            plot.SaveSvg(path, Width, Height);
        }
        else
        {
            plot.SavePng(path, Width, Height);
        }
    }

    /// <summary>Ticks on a log2 axis at powers of two, labelled in binary byte units, at most about eight of them.</summary>
    public static void ByteTicks(IXAxis axis, double minLog2, double maxLog2)
    {
        var first = (int)Math.Floor(minLog2);
        var last = (int)Math.Ceiling(maxLog2);
        var step = Math.Max(1, (int)Math.Ceiling((last - first) / 8.0));
        var positions = new List<double>();
        var labels = new List<string>();
        for (var k = first; k <= last; k += step)
        {
            positions.Add(k);
            labels.Add(Sizes.Format((long)Math.Pow(2, k)));
        }

        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. positions], [.. labels]);
    }
}
