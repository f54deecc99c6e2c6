using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 for malformed responses: each connection carries one request, answered with the
/// exact bytes <c>respond</c> returns (one write), after which the server closes the connection.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RawRequest, byte[]> _respond;
    private readonly Task _loop;
    private int _count;

    public RawHttpServer(Func<RawRequest, byte[]> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port}/");
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>A port on 127.0.0.1 that nothing listens on (taken and released).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A response: the status line, the headers as given (nothing added), a blank line, the body bytes.</summary>
    public static byte[] Response(string statusLine, IEnumerable<string> headers, ReadOnlySpan<byte> body)
    {
        var head = new StringBuilder("HTTP/1.1 ").Append(statusLine).Append("\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        var all = new byte[bytes.Length + body.Length];
        bytes.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(bytes.Length));
        return all;
    }

    /// <summary>A well-formed response with a Content-Length.</summary>
    public static byte[] Ok(ReadOnlySpan<byte> body) =>
        Response("200 OK", [$"Content-Length: {body.Length}", "Content-Type: application/octet-stream"], body);

    /// <summary>A response with a status and no body.</summary>
    public static byte[] Status(int status, string reason) => Response($"{status} {reason}", ["Content-Length: 0"], []);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(socket));
        }
    }

    private async Task Serve(Socket socket)
    {
        using var _ = socket;
        try
        {
            var head = await ReadHead(socket);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            var request = new RawRequest(Interlocked.Increment(ref _count) - 1, parts[0], Uri.UnescapeDataString(parts[1].Split('?')[0]), headers);
            Requests.Enqueue(request);
            await socket.SendAsync(_respond(request));
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task<string?> ReadHead(Socket socket)
    {
        var buffer = new byte[16384];
        var length = 0;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (length < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (n == 0)
            {
                return null;
            }

            length += n;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }
}

/// <summary>A request the raw server saw: its number (from 0), method, unescaped path and headers.</summary>
internal sealed record RawRequest(int Index, string Method, string Path, IReadOnlyDictionary<string, string> Headers);
