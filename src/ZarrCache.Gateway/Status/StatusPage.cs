using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using ZarrCache.Gateway.Diagnostics;

namespace ZarrCache.Gateway.Status;

/// <summary>
/// The page at <c>/</c>: what a person checks at a glance (hit ratio, origin requests and bytes, what the cache saved,
/// how full it is, the busiest keys). Plain HTML, no script, refreshed every 10 s. The hit ratio is the one
/// <see cref="CacheStats.HitRatio"/> computes, which is what <c>/metrics</c>'s <c>zarrcache_requests_total</c> gives.
/// </summary>
internal sealed class StatusPage(CachedStore store, GatewayMetrics metrics, string origin)
{
    /// <summary>How many busiest keys the page lists.</summary>
    public const int BusiestKeyCount = 10;

    /// <summary>Writes the page.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when it is written.</returns>
    public async Task WriteAsync(HttpContext context)
    {
        var bytes = Encoding.UTF8.GetBytes(Render());
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>The page's HTML.</summary>
    /// <returns>The HTML.</returns>
    internal string Render()
    {
        var c = CultureInfo.InvariantCulture;
        var stats = store.CacheStats;
        var cache = store.Cache;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"10\">")
            .Append("<title>zarr-cache serve</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}")
            .Append(".tiles{display:flex;gap:1em;flex-wrap:wrap}.tile{border:1px solid #ccc;border-radius:8px;padding:1em;min-width:12em}")
            .Append(".big{font-size:2em;font-weight:bold}table{border-collapse:collapse;margin-top:1em}td,th{padding:.2em .8em;text-align:left;border-bottom:1px solid #eee}")
            .Append("</style></head><body>");
        html.Append(c, $"<h1>zarr-cache serve</h1><p>origin <code>{Enc(origin)}</code> · cache <code>{Enc(store.Config.Name)}</code></p><div class=\"tiles\">");
        Tile(html, "hit ratio", (stats.HitRatio * 100).ToString("0.0", c) + " %", "hit-ratio", stats.HitRatio.ToString("R", c),
            string.Create(c, $"{stats.Hits + stats.NegativeHits} hits, {stats.Misses} misses"));
        Tile(html, "origin requests", stats.OriginReads.ToString("N0", c), "origin-reads", stats.OriginReads.ToString(c),
            Size(stats.OriginBytes) + " read from the origin");
        Tile(html, "bytes saved", Size(stats.BytesServed), "bytes-saved", stats.BytesServed.ToString(c), "served from the cache instead of the origin");
        var budget = cache is IMemoryBudget memory ? $"memory budget {Size(memory.MemoryMaxSize)}" : string.Empty;
        Tile(html, "cache held", Size(cache.Size) + " of " + Size(cache.MaxSize), "cache-size", cache.Size.ToString(c),
            string.Create(c, $"{stats.Entries:N0} entries; {budget}{(store.Config.DiskCacheDir is { } dir ? " · disk " + dir : string.Empty)}"));
        Tile(html, "requests", metrics.TotalRequests.ToString("N0", c), "requests", metrics.TotalRequests.ToString(c), Size(metrics.TotalBytes) + " sent");
        html.Append("</div><h2>busiest keys</h2><table id=\"busiest-keys\"><tr><th>key</th><th>reads</th></tr>");
        foreach (var (key, reads) in metrics.BusiestKeys(BusiestKeyCount))
        {
            html.Append(c, $"<tr><td><code>{Enc(key)}</code></td><td>{reads:N0}</td></tr>");
        }

        html.Append("</table><p><a href=\"/metrics\">/metrics</a> · <a href=\"/healthz\">/healthz</a></p></body></html>");
        return html.ToString();
    }

    private static void Tile(StringBuilder html, string title, string value, string id, string raw, string note) =>
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"tile\"><div>{Enc(title)}</div><div class=\"big\" id=\"{id}\" data-value=\"{Enc(raw)}\">{Enc(value)}</div><div>{Enc(note)}</div></div>");

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
