using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 that injects faults. Each request takes the next scripted <see cref="Fault"/>;
/// with none left it serves <see cref="Files"/> properly (GET, HEAD, Range incl. suffix, 404). Every response closes
/// its connection. Records every request it saw.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<Fault> _faults = new();

    public FaultServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptLoop);
    }

    public enum FaultKind
    {
        Status,
        Truncate,
        Reset,
        Delay,
        IgnoreRange,
    }

    public Uri BaseUri { get; }

    /// <summary>Path (as requested, unescaped, leading '/') to bytes.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public void Enqueue(Fault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
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
            var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
                .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            var path = Uri.UnescapeDataString(parts[1].Split('?')[0]);
            var seen = new SeenRequest(parts[0], path, headers.GetValueOrDefault("range"), headers.GetValueOrDefault("if-none-match"), headers.GetValueOrDefault("authorization"));
            Requests.Enqueue(seen);
            if (headers.TryGetValue("content-length", out var bodyLength) && long.Parse(bodyLength, CultureInfo.InvariantCulture) > 0)
            {
                // Bodies (PUT) are not used by these tests.
                return;
            }

            var fault = _faults.TryDequeue(out var f) ? f : null;
            switch (fault?.Kind)
            {
                case FaultKind.Reset:
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    return;
                case FaultKind.Delay:
                    await Task.Delay(fault.Delay, _stop.Token);
                    await Respond(socket, seen, ignoreRange: false);
                    return;
                case FaultKind.Status:
                    await Send(socket, fault.Status, fault.ContentType ?? "text/plain", Encoding.UTF8.GetBytes(fault.Body ?? string.Empty), null);
                    return;
                case FaultKind.Truncate:
                    var file = Files.GetValueOrDefault(path) ?? [];
                    var cut = file.AsSpan(0, Math.Min(fault.Bytes, file.Length)).ToArray();
                    await Send(socket, 200, "application/octet-stream", cut, file.Length);
                    return;
                case FaultKind.IgnoreRange:
                    await Respond(socket, seen, ignoreRange: true);
                    return;
                default:
                    await Respond(socket, seen, ignoreRange: false);
                    return;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task Respond(Socket socket, SeenRequest request, bool ignoreRange)
    {
        if (!Files.TryGetValue(request.Path, out var file))
        {
            // An answer to HEAD has no body (RFC 9110), also for 404: the stores refuse bytes beyond a HEAD's framing.
            await Send(socket, 404, "application/xml", Encoding.UTF8.GetBytes("<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"), null, head: request.Method == "HEAD");
            return;
        }

        // An MD5 ETag, as S3 gives for single-part objects (the AWS SDK checks whole GETs against it).
#pragma warning disable CA5351 // S3's ETag is an MD5: the fake server must make the same one.
        var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(file)) + "\"";
#pragma warning restore CA5351
        if (request.IfNoneMatch == etag)
        {
            await Send(socket, 304, null, [], null, etag, head: true);
            return;
        }

        var head = request.Method == "HEAD";
        if (!ignoreRange && request.Range is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var spec = range["bytes=".Length..].Split('-');
            long start, end;
            if (spec[0].Length == 0)
            {
                var n = Math.Min(long.Parse(spec[1], CultureInfo.InvariantCulture), file.Length);
                (start, end) = (file.Length - n, file.Length - 1);
            }
            else
            {
                start = long.Parse(spec[0], CultureInfo.InvariantCulture);
                end = spec[1].Length == 0 ? file.Length - 1 : Math.Min(long.Parse(spec[1], CultureInfo.InvariantCulture), file.Length - 1);
            }

            if (start >= file.Length)
            {
                await Send(socket, 416, "application/xml", Encoding.UTF8.GetBytes("<Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>"), null);
                return;
            }

            var part = file.AsSpan((int)start, (int)(end - start + 1)).ToArray();
            await Send(socket, 206, "application/octet-stream", part, null, etag, head, $"bytes {start}-{end}/{file.Length}");
            return;
        }

        await Send(socket, 200, "application/octet-stream", file, null, etag, head);
    }

    private static async Task Send(Socket socket, int status, string? contentType, byte[] body, long? announced, string? etag = null, bool head = false, string? contentRange = null)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
        if (contentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"Content-Length: {announced ?? body.Length}\r\n");
        if (etag is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"ETag: {etag}\r\n");
        }

        if (contentRange is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Range: {contentRange}\r\n");
        }

        text.Append("Accept-Ranges: bytes\r\nConnection: close\r\n\r\n");
        await socket.SendAsync(Encoding.ASCII.GetBytes(text.ToString()));
        if (!head && status != 304 && body.Length > 0)
        {
            await socket.SendAsync(body);
        }

        socket.Shutdown(SocketShutdown.Both);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        206 => "Partial Content",
        304 => "Not Modified",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private static async Task<string?> ReadHead(Socket socket)
    {
        var buffer = new byte[16384];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(length));
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

internal sealed record Fault(FaultServer.FaultKind Kind)
{
    public int Status { get; init; }

    public string? Body { get; init; }

    public string? ContentType { get; init; }

    public int Bytes { get; init; }

    public TimeSpan Delay { get; init; }

    public static Fault WithStatus(int status, string? body = null, string? contentType = null) =>
        new(FaultServer.FaultKind.Status) { Status = status, Body = body, ContentType = contentType };

    public static Fault S3Error(int status, string code) =>
        WithStatus(status, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code} injected</Message><RequestId>1</RequestId></Error>", "application/xml");

    public static Fault Truncated(int bytesSent) => new(FaultServer.FaultKind.Truncate) { Bytes = bytesSent };

    public static Fault Reset() => new(FaultServer.FaultKind.Reset);

    public static Fault Slow(TimeSpan delay) => new(FaultServer.FaultKind.Delay) { Delay = delay };

    public static Fault IgnoreRange() => new(FaultServer.FaultKind.IgnoreRange);
}

internal sealed record SeenRequest(string Method, string Path, string? Range, string? IfNoneMatch, string? Authorization);
