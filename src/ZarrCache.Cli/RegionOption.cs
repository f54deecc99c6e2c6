using ZarrCache.Zarr;

namespace ZarrCache.Cli;

/// <summary><c>--region SEL</c> of <c>read</c> and <c>warm</c>: a selection checked against the array's shape, with errors naming the option and the dimension.</summary>
internal static class RegionOption
{
    /// <summary>Parses <paramref name="text"/> and checks it fits <paramref name="array"/>.</summary>
    /// <exception cref="ArgumentException">It does not parse, or does not fit; the message names <c>--region</c>, the dimension and what is wrong.</exception>
    public static ArraySelection Parse(string text, ZarrArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        try
        {
            var selection = ArraySelection.Parse(text);
            selection.Resolve(array.Shape);
            return selection;
        }
        catch (ArgumentException e)
        {
            var why = CliErrors.MessageOf(e);
            var echo = $"Selection '{text}', ";
            why = why.StartsWith(echo, StringComparison.Ordinal) ? why[echo.Length..] : why;
            throw new ArgumentException($"--region '{text}': {why} The array's shape is [{string.Join(", ", array.Shape)}].", e);
        }
    }
}
