namespace ZarrCache.AotSmoke;

/// <summary>One smoke run: the written and the golden arrays under a listener of the <c>ZarrCache</c> meter and activity source.</summary>
internal static class SmokeRun
{
    /// <summary>Runs everything; the report's line, or an exception naming what failed.</summary>
    /// <param name="testdata">The shared testdata folder (holding <c>zarrita-fixtures/</c>).</param>
    /// <param name="scratch">An empty folder for the written arrays and the disk cache.</param>
    public static async Task<string> RunAsync(string testdata, string scratch)
    {
        var report = new SmokeReport();
        using var telemetry = new TelemetryProbe();
        var originReads = await WrittenArrays.RunAsync(scratch, telemetry, report);
        originReads += await GoldenArrays.RunAsync(testdata, telemetry, report);

        report.Add("instruments", telemetry.Instruments);
        SmokeReport.Check(telemetry.OriginSpans == originReads, $"{telemetry.OriginSpans} zarrcache.origin.read spans for {originReads} origin reads");
        report.Add("spans", telemetry.OriginSpans);
        return report.ToString();
    }
}
