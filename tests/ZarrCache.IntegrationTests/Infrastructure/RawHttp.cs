using System.Net.Sockets;
using System.Text;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// Sends one HTTP/1.1 request with the request target exactly as given (HttpClient and Uri would remove <c>..</c>
/// segments before sending, which is what a hostile client does not do), and returns the status and body.
/// </summary>
internal static class RawHttp
{
    public static async Task<(int Status, string Body)> GetAsync(Uri server, string target, params string[] headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = new StringBuilder().Append("GET ").Append(target).Append(" HTTP/1.1\r\nHost: ").Append(server.Authority).Append("\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = response.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var at and >= 0 ? response[(at + 4)..] : string.Empty;
        return (status, body);
    }
}
