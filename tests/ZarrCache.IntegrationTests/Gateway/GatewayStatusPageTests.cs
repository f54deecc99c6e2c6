using System.Globalization;
using System.Text.RegularExpressions;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.IntegrationTests.Gateway;

/// <summary>
/// The status page at <c>/</c> in Debian's headless Chromium (apt package chromium, pinned in scripts/lib/common.sh):
/// it renders (a screenshot is taken) and shows the hit ratio that <c>/metrics</c> gives.
/// </summary>
public sealed partial class GatewayStatusPageTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Chromium_renders_the_status_page_and_it_shows_the_hit_ratio_of_metrics()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (scripts/lib/common.sh install_prerequisites does).");
        await using var gateway = await GatewayProcess.OverS3rverAsync([]);
        using var http = new HttpClient { BaseAddress = gateway.Http };
        foreach (var key in Fixtures.KeysUnder("v2/data.zarr/3d.chunked.i2").Select(k => k).Take(6))
        {
            // One miss and two hits per key, and one missing key (a miss, then a negative hit).
            for (var i = 0; i < 3; i++)
            {
                (await http.GetAsync(key)).EnsureSuccessStatusCode();
            }
        }

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("v2/no/such/key")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("v2/no/such/key")).StatusCode);

        var screenshot = Path.Combine(Path.GetTempPath(), $"zarrcache-status-{Guid.NewGuid():N}.png");
        try
        {
            var (code, output) = ExternalTool.Run(Chromium, [.. Flags, $"--screenshot={screenshot}", "--window-size=1280,900", gateway.Http.ToString()], null);
            Assert.True(code == 0, $"chromium --screenshot failed: {output}");
            var png = await File.ReadAllBytesAsync(screenshot);
            Assert.True(png.Length > 1000, $"the screenshot has only {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        }
        finally
        {
            File.Delete(screenshot);
        }

        var (domCode, dom) = ExternalTool.Run(Chromium, [.. Flags, "--dump-dom", gateway.Http.ToString()], null);
        Assert.True(domCode == 0, $"chromium --dump-dom failed: {dom}");
        var shown = HitRatioShown().Match(dom);
        Assert.True(shown.Success, "the rendered page has no hit ratio: " + dom);

        var metrics = await http.GetStringAsync("metrics");
        double Requests(string result) => RequestsLine().Matches(metrics)
            .Where(m => m.Groups["labels"].Value.Contains($"result=\"{result}\"", StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        var hits = Requests("hit") + Requests("negative_hit");
        var ratio = hits / (hits + Requests("miss"));

        Assert.InRange(ratio, 0.5, 0.9);
        Assert.Equal(ratio, double.Parse(shown.Groups["raw"].Value, CultureInfo.InvariantCulture), 9);
        Assert.Equal((ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %", shown.Groups["text"].Value);
    }

    private static string[] Flags => ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "zarrcache-chromium-" + Environment.ProcessId)];

    [GeneratedRegex("id=\"hit-ratio\" data-value=\"(?<raw>[^\"]+)\">(?<text>[^<]+)<")]
    private static partial Regex HitRatioShown();

    [GeneratedRegex(@"^zarrcache_requests_total\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();
}
