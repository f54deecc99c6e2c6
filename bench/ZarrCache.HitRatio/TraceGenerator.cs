namespace ZarrCache.HitRatio;

/// <summary>
/// Generates access traces shaped like Zarr workloads, from fixed seeds. Chunk sizes follow real arrays: each array has
/// a nominal chunk size (64 KiB to 4 MiB) and each chunk compresses to 30–100% of it.
/// </summary>
public sealed class TraceGenerator(int requests, int seed)
{
    private const int KiB = 1024;
    private readonly List<string> _keys = [];
    private readonly List<int> _sizes = [];
    private readonly Random _random = new(seed);

    /// <summary>Every trace, in table order.</summary>
    public static IReadOnlyList<AccessTrace> All(int requests, int seed) =>
    [
        new TraceGenerator(requests, seed).TimeSeriesWalks(),
        new TraceGenerator(requests, seed + 1).HotTiles(),
        new TraceGenerator(requests, seed + 2).ScansOverHotSet(),
        new TraceGenerator(requests, seed + 3).UniformRandom(),
    ];

    /// <summary>Pixel time series: each walk reads one spatial chunk column along time; hot locations (Zipf) recur.</summary>
    public AccessTrace TimeSeriesWalks()
    {
        var array = AddArray("temperature", 365, 16, 16, 256 * KiB);
        var hot = new Zipf(16 * 16, 1.0, _random);
        var trace = new List<int>(requests);
        while (trace.Count < requests)
        {
            var location = hot.Next();
            var length = _random.Next(30, 120);
            var start = _random.Next(0, 365 - length);
            for (var t = start; t < start + length && trace.Count < requests; t++)
            {
                trace.Add(array + (t * 256) + location);
            }
        }

        return Build("timeseries", "walks along time at Zipf-hot locations, 256 KiB chunks", trace);
    }

    /// <summary>A map viewer: 3×3 tile blocks around Zipf-hot regions, at Zipf-hot time steps, 1 MiB chunks.</summary>
    public AccessTrace HotTiles()
    {
        const int side = 64;
        var array = AddArray("precipitation", 24, side, side, 1024 * KiB);
        var centers = Enumerable.Range(0, 128).Select(_ => (Y: _random.Next(side), X: _random.Next(side))).ToArray();
        var region = new Zipf(centers.Length, 1.0, _random);
        var step = new Zipf(24, 1.2, _random);
        var trace = new List<int>(requests);
        while (trace.Count < requests)
        {
            var (cy, cx) = centers[region.Next()];
            cy = Math.Clamp(cy + (int)Math.Round(Gaussian() * 2), 1, side - 2);
            cx = Math.Clamp(cx + (int)Math.Round(Gaussian() * 2), 1, side - 2);
            var t = step.Next();
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1 && trace.Count < requests; dx++)
                {
                    trace.Add(array + (t * side * side) + ((cy + dy) * side) + cx + dx);
                }
            }
        }

        return Build("tiles", "3x3 tile blocks around Zipf-hot regions and time steps, 1 MiB chunks", trace);
    }

    /// <summary>A hot working set (Zipf over 2,000 chunks of 64 KiB–1 MiB) with full scans of large arrays mixed in.</summary>
    public AccessTrace ScansOverHotSet()
    {
        var hotArray = AddMixedArray("analysis", 2000, [64 * KiB, 256 * KiB, 1024 * KiB]);
        var scanArrays = Enumerable.Range(0, 4).Select(i => AddArray($"reanalysis{i}", 40, 16, 16, 2048 * KiB)).ToArray();
        const int scanLength = 40 * 16 * 16;
        var hot = new Zipf(2000, 0.9, _random);
        var trace = new List<int>(requests);
        var scan = 0;
        var position = 0;
        while (trace.Count < requests)
        {
            if (_random.NextDouble() < 0.3)
            {
                trace.Add(scanArrays[scan] + position);
                if (++position == scanLength)
                {
                    position = 0;
                    scan = (scan + 1) % scanArrays.Length;
                }
            }
            else
            {
                trace.Add(hotArray + hot.Next());
            }
        }

        return Build("scan+hot", "Zipf hot set (2,000 chunks, 64 KiB-1 MiB) with 30% of reads from full scans (2 MiB chunks)", trace);
    }

    /// <summary>Uniform random reads over 5,000 chunks of 64 KiB–4 MiB.</summary>
    public AccessTrace UniformRandom()
    {
        var array = AddMixedArray("random", 5000, [64 * KiB, 256 * KiB, 1024 * KiB, 4096 * KiB]);
        var trace = new List<int>(requests);
        while (trace.Count < requests)
        {
            trace.Add(array + _random.Next(5000));
        }

        return Build("uniform", "uniform random reads over 5,000 chunks of 64 KiB-4 MiB", trace);
    }

    private int AddArray(string name, int t, int y, int x, int nominal)
    {
        var first = _keys.Count;
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j < y; j++)
            {
                for (var k = 0; k < x; k++)
                {
                    _keys.Add($"{name}/c/{i}/{j}/{k}");
                    _sizes.Add(Compressed(nominal));
                }
            }
        }

        return first;
    }

    private int AddMixedArray(string name, int count, int[] nominals)
    {
        var first = _keys.Count;
        for (var i = 0; i < count; i++)
        {
            _keys.Add($"{name}/c/{i / 100}/{i % 100}");
            _sizes.Add(Compressed(nominals[_random.Next(nominals.Length)]));
        }

        return first;
    }

    private int Compressed(int nominal) => (int)(nominal * (0.3 + (0.7 * _random.NextDouble())));

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private AccessTrace Build(string name, string description, List<int> trace) =>
        new(name, description, [.. trace], [.. _keys], [.. _sizes]);

    /// <summary>Zipf-distributed ranks over a shuffled population, so hot items are spread out.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cumulative;
        private readonly int[] _permutation;
        private readonly Random _random;

        public Zipf(int n, double s, Random random)
        {
            _random = random;
            _cumulative = new double[n];
            double sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += 1 / Math.Pow(i + 1, s);
                _cumulative[i] = sum;
            }

            _permutation = [.. Enumerable.Range(0, n).OrderBy(_ => random.Next())];
        }

        public int Next()
        {
            var at = Array.BinarySearch(_cumulative, _random.NextDouble() * _cumulative[^1]);
            return _permutation[Math.Min(at < 0 ? ~at : at, _cumulative.Length - 1)];
        }
    }
}
