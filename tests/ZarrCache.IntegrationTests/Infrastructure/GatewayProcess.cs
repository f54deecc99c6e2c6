using System.Diagnostics;
using System.Text;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>
/// `zarr-cache serve` run as a child process, as a user runs it: started on free loopback ports (<c>--listen
/// 127.0.0.1:0</c>), its bound addresses read from the lines it prints, its standard error kept (the log), and killed
/// at dispose.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();

    private GatewayProcess(Process process) => _process = process;

    public Uri Http { get; private set; } = null!;

    public Uri? S3 { get; private set; }

    /// <summary>What the gateway wrote to standard error so far (its log).</summary>
    public string Log
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Serves the s3rver bucket through a gateway: `zarr-cache serve s3://BUCKET/ --endpoint … --anonymous ARGS`.</summary>
    public static Task<GatewayProcess> OverS3rverAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var server = OriginServers.S3();
        return StartAsync(["serve", $"s3://{server.Bucket}/", "--endpoint", server.Endpoint.ToString(), "--anonymous", "--listen", "127.0.0.1:0", .. args], environment);
    }

    /// <summary>Starts `zarr-cache ARGS` and waits (up to a minute) for the address lines.</summary>
    public static async Task<GatewayProcess> StartAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "zarr-cache.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in CliProcess.WithoutAwsCredentials.Concat(environment ?? new Dictionary<string, string?>()))
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("zarr-cache did not start");
        var gateway = new GatewayProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (gateway._error)
            {
                gateway._error.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var wantS3 = args.Contains("--s3-listen");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            while (gateway.Http is null || (wantS3 && gateway.S3 is null))
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"zarr-cache serve exited ({string.Join(' ', args)}): {gateway.Log}");
                var parts = line.Split(' ');
                if (line.StartsWith("http listening on ", StringComparison.Ordinal))
                {
                    gateway.Http = new Uri(parts[3]);
                }
                else if (line.StartsWith("s3 listening on ", StringComparison.Ordinal))
                {
                    gateway.S3 = new Uri(parts[3]);
                }
            }
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>Stops the gateway as Ctrl+C does (SIGINT) and waits (up to a minute) for it to exit; returns its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
