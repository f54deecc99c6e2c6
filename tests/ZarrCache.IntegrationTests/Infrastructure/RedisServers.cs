using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// The redis-server scripts/test.sh started (scripts/lib/redis.sh exports ZARRCACHE_REDIS and ZARRCACHE_REDIS_SERVER),
/// and instances of their own for tests that stop and restart Redis.
/// </summary>
internal static class RedisServers
{
    /// <summary>The shared server, HOST:PORT.</summary>
    public static string Shared() => Require("ZARRCACHE_REDIS");

    /// <summary>Starts a redis-server of the test's own on a free loopback port (no persistence, its own folder).</summary>
    public static async Task<OwnRedisServer> StartOwnAsync()
    {
        var server = new OwnRedisServer(Require("ZARRCACHE_REDIS_SERVER"));
        await server.StartAsync();
        return server;
    }

    private static string Require(string name) => OriginServers.Require(name, "redis-server");
}

/// <summary>A redis-server process a test owns: stopped and started again on the same port.</summary>
internal sealed class OwnRedisServer(string binary) : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zarrcache-redis-").FullName;
    private readonly int _port = FreePort();
    private Process? _process;

    public string Configuration => $"127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no", "--dir", _dir, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lfu" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail($"redis-server did not listen on {Configuration} within 10 s");
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>tests/ZarrCache.RedisProbe as a separate process: one command line in, one answer line out.</summary>
internal sealed class RedisProbeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<string> _answers = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _errors = new();

    private RedisProbeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _answers.Writer.TryWrite(line);
            }
            else
            {
                _answers.Writer.TryComplete();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
    }

    public static RedisProbeProcess Start(params string[] args)
    {
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var dll = Path.Combine(here.Replace("ZarrCache.IntegrationTests", "ZarrCache.RedisProbe", StringComparison.Ordinal), "ZarrCache.RedisProbe.dll");
        Assert.True(File.Exists(dll), $"the Redis probe was not built: {dll}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var probe = new RedisProbeProcess(process);
        Assert.True(process.Start(), "the Redis probe did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return probe;
    }

    /// <summary>Sends a command; its answer is read by <see cref="AnswerAsync"/> (so commands to several probes can go out together).</summary>
    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    public async Task<string> AnswerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            return await _answers.Reader.ReadAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            string errors;
            lock (_errors)
            {
                errors = _errors.ToString();
            }

            Assert.Fail((e is OperationCanceledException ? "no answer from the Redis probe in a minute" : "the Redis probe exited") + ": " + errors);
            throw;
        }
    }

    public Task<string> AskAsync(string command)
    {
        Send(command);
        return AnswerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                Send("quit");
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
