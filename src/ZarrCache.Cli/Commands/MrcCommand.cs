using System.CommandLine;
using System.Globalization;
using ZarrCache.Cli.Mrc;
using ZarrCache.Cli.Plots;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// <c>zarr-cache mrc TRACE [--policy s3fifo,lru,clock] [--sizes 64MiB,1GiB,…] [--sampling-rate R] [--output curve.png|svg]
/// [--json]</c>: the miss-ratio curve of a recorded access trace for each policy, with OPT as the floor, and the
/// smallest cache size within one point of the best hit ratio (docs/mrc.md).
/// </summary>
internal static class MrcCommand
{
    public static Command Create()
    {
        var trace = new Argument<string>("trace") { Description = "An access trace recorded with --trace (docs/traces.md)." };
        var policy = new Option<string>("--policy")
        {
            Description = "Policies to simulate, comma-separated: s3fifo, lru, clock, tinylfu (OPT is always drawn as the floor). The first is the one recommended for.",
            DefaultValueFactory = _ => "s3fifo,lru,clock",
        };
        var sizes = new Option<string?>("--sizes") { Description = "Cache sizes, comma-separated (64MiB,1GiB,…); default: 24 sizes from 1/200 of the trace's unique bytes to all of them." };
        var rate = new Option<double?>("--sampling-rate") { Description = "SHARDS sampling rate in (0, 1]; 1 simulates exactly. Default: exact up to 1,048,576 requests, sampled above." };
        var output = new Option<string?>("--output") { Description = "Draw the curves to this file: .png or .svg." };
        var json = new Option<bool>("--json") { Description = "Print the curves and the recommendation as one JSON document instead of a table." };
        var command = new Command("mrc", "Simulate a recorded access trace at many cache sizes and print (and draw) the miss-ratio curve of each policy, with a recommended size.")
        {
            trace, policy, sizes, rate, output, json,
        };
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            var picture = result.GetValue(output);
            if (picture is not null)
            {
                PlotFile.Check("--output", picture);
            }

            var options = new MissRatioCurveOptions
            {
                Policies = MrcPolicies.Parse(result.GetValue(policy) ?? "s3fifo"),
                Sizes = result.GetValue(sizes) is { } list ? ParseSizes(list) : null,
                SamplingRate = result.GetValue(rate) is { } r ? CheckRate(r) : null,
            };
            var path = result.GetValue(trace)!;
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{path}: no such trace file.");
            }

            var accesses = await Task.Run(() => AccessTrace.Load(path, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (accesses.Requests.Count == 0)
            {
                throw new ArgumentException($"{path}: the trace holds no request.");
            }

            var analysis = await Task.Run(() => MissRatioCurves.Analyze(accesses, options, cancellationToken), cancellationToken).ConfigureAwait(false);
            var recommendations = analysis.Curves.Where(c => c.Policy != SimulatedPolicy.Opt).Select(c => analysis.Recommend(c.Policy)).ToArray();
            if (picture is not null)
            {
                PlotFile.Save("--output", MrcPlot.Create(analysis, recommendations[0]), picture);
            }

            var text = result.GetValue(json) ? MrcReport.Json(analysis, recommendations, picture) + "\n" : MrcReport.Text(analysis, recommendations, picture);
            await result.InvocationConfiguration.Output.WriteAsync(text).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static long[] ParseSizes(string list)
    {
        try
        {
            var sizes = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Sizes.Parse).ToArray();
            return sizes.Length > 0 && sizes.All(s => s > 0)
                ? sizes
                : throw new ArgumentException($"--sizes: give positive sizes, was '{list}'.");
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--sizes: {e.Message}", e);
        }
    }

    private static double CheckRate(double rate) => rate > 0 && rate <= 1
        ? rate
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--sampling-rate must be in (0, 1], was {rate}."));
}
