namespace ZarrCache.Benchmarks.Adapters;

/// <summary>Zipf-distributed indexes, as the mixed benchmark draws them (same formula and seed).</summary>
internal static class Zipf
{
    /// <summary>Zipf-distributed indexes in [0, n) with exponent <paramref name="s"/>, from a fixed seed.</summary>
    public static int[] Indexes(int count, int n, double s, int seed)
    {
        var cumulative = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1 / Math.Pow(i + 1, s);
            cumulative[i] = sum;
        }

        var random = new Random(seed);
        var permutation = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            result[i] = permutation[Math.Min(at < 0 ? ~at : at, n - 1)];
        }

        return result;
    }
}
