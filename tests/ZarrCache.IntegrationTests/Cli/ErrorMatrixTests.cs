using System.Net;
using System.Net.Sockets;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Zarr;

namespace ZarrCache.IntegrationTests.Cli;

/// <summary>
/// Every command of `zarr-cache`, run as a child process against bad inputs (a missing store, a missing or misspelt
/// array, a bad selection, bad option values, an origin that refuses, one that is down, S3 without credentials,
/// corrupt metadata): each ends with exit code 1 (data or origin) or 2 (usage), one or two lines on standard error
/// naming the option, key or field, and never a stack trace.
/// </summary>
public sealed class ErrorMatrixTests : IClassFixture<ErrorMatrixTests.Stores>
{
    private readonly Stores _stores;

    public ErrorMatrixTests(Stores stores) => _stores = stores;

    public static TheoryData<string> Cases { get; } =
    [
        "demo bad size", "demo negative latency", "demo bad ttl", "demo unknown option",
        "read missing store", "read without array", "read misspelt array", "read missing folder", "read bad index",
        "read bad slice", "read too many dimensions", "read bad format", "read bad memory", "read corrupt metadata",
        "read bad s3 region", "read bad endpoint", "read origin down", "read origin refuses", "read s3 without credentials",
        "read s3 missing bucket", "read http without array",
        "info missing store", "info missing node", "info http cannot list", "info corrupt metadata", "info origin down",
        "bench bad pattern", "bench misspelt array", "bench bad passes", "bench origin down",
        "warm without disk cache", "warm bad region", "warm corrupt metadata", "warm origin down", "warm prefix over http",
        "stats missing folder", "stats missing option", "clear missing folder", "clear unknown option",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_input_ends_in_one_or_two_lines_naming_what_is_wrong_with_exit_1_or_2_and_no_stack_trace(string name)
    {
        var (args, environment, exitCode, named) = Case(name);

        var (code, output, error) = await CliProcess.RunAsync(args, environment);

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shown = $"zarr-cache {string.Join(' ', args)}\nexit {code}\nstderr:\n{error}\nstdout:\n{output}";
        Assert.True(code == exitCode, $"expected exit {exitCode}: {shown}");
        Assert.InRange(lines.Length, 1, 2);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length == 1 || lines[1].StartsWith("hint: ", StringComparison.Ordinal), shown);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", error, StringComparison.Ordinal);
        foreach (var part in named)
        {
            Assert.True(error.Contains(part, StringComparison.Ordinal), $"'{part}' is not named: {shown}");
        }
    }

    [Fact]
    public async Task Verbose_adds_the_exception_chain_under_the_one_line()
    {
        var (code, _, error) = await CliProcess.RunAsync(["read", _stores.Local, "--array", "broken", "--verbose"]);

        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("ZarrCache.Zarr.ZarrFormatException", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    private (string[] Args, IReadOnlyDictionary<string, string?>? Environment, int ExitCode, string[] Named) Case(string name)
    {
        var local = _stores.Local;
        var cache = _stores.CacheDir;
        var down = _stores.DownUrl;
        return name switch
        {
            "demo bad size" => (["demo", "--size", "lots"], null, 2, ["--size", "lots"]),
            "demo negative latency" => (["demo", "--latency", "-1"], null, 2, ["--latency"]),
            "demo bad ttl" => (["demo", "--size", "1MiB", "--ttl", "soon"], null, 2, ["--ttl", "soon"]),
            "demo unknown option" => (["demo", "--colour"], null, 2, ["--colour", "zarr-cache demo --help"]),

            "read missing store" => (["read", local + "-missing"], null, 2, [local + "-missing"]),
            "read without array" => (["read", local], null, 2, ["--array", "'temperature'", "'sub/pressure'"]),
            "read misspelt array" => (["read", local, "--array", "temprature"], null, 2, ["'temprature'", "did you mean 'temperature'"]),
            "read missing folder" => (["read", local, "--array", "nowhere/pressure"], null, 2, ["the group 'nowhere' does not exist"]),
            "read bad index" => (["read", local, "--array", "temperature", "--region", "9"], null, 2, ["--region '9'", "dimension 0", "length 4"]),
            "read bad slice" => (["read", local, "--array", "temperature", "--region", "0:2,x"], null, 2, ["--region '0:2,x'", "dimension 1", "'x'"]),
            "read too many dimensions" => (["read", local, "--array", "temperature", "--region", "0,0,0"], null, 2, ["--region '0,0,0'", "3 dimensions", "only 2"]),
            "read bad format" => (["read", local, "--array", "temperature", "--format", "xml"], null, 2, ["--format", "'xml'"]),
            "read bad memory" => (["read", local, "--array", "temperature", "--memory", "lots"], null, 2, ["--memory", "'lots'"]),
            "read corrupt metadata" => (["read", local, "--array", "broken"], null, 1, ["broken/.zarray", "not valid JSON"]),
            "read bad s3 region" => (["read", "s3://bucket/data.zarr", "--s3-region", "bad region"], null, 2, ["--s3-region 'bad region'"]),
            "read bad endpoint" => (["read", "s3://bucket/data.zarr", "--endpoint", "ftp://host"], null, 2, ["--endpoint 'ftp://host'"]),
            "read origin down" => (["read", down, "--array", "a"], null, 1, [down, ".zmetadata", "refused"]),
            "read origin refuses" => (["read", _stores.RefusingUrl, "--array", "a", "--no-cache"], null, 1, [".zmetadata", "403"]),
            "read s3 without credentials" => (["read", $"s3://{OriginServers.S3().Bucket}/v2/data.zarr", "--array", "3d.chunked.i2", "--endpoint", OriginServers.S3().Endpoint.ToString()],
                CliProcess.WithoutAwsCredentials, 1, [".zmetadata", "--anonymous", "AWS_ACCESS_KEY_ID", "AWS_PROFILE"]),
            "read s3 missing bucket" => (["read", "s3://no-such-bucket/data.zarr", "--array", "a", "--endpoint", OriginServers.S3().Endpoint.ToString(), "--anonymous"], null, 1, ["'no-such-bucket'", ".zmetadata"]),
            "read http without array" => (["read", _stores.PlainHttpUrl], null, 2, ["cannot list", "--array PATH"]),

            "info missing store" => (["info", local + "-missing"], null, 2, [local + "-missing"]),
            "info missing node" => (["info", local, "--array", "temperatur"], null, 2, ["'temperatur'", "did you mean 'temperature'"]),
            "info http cannot list" => (["info", _stores.PlainHttpUrl], null, 2, ["listing is not possible", "--array PATH", "consolidate"]),
            "info corrupt metadata" => (["info", local, "--array", "broken"], null, 1, ["broken/.zarray"]),
            "info origin down" => (["info", down], null, 1, [down, "zarr.json"]),

            "bench bad pattern" => (["bench", local, "--array", "temperature", "--pattern", "zigzag"], null, 2, ["--pattern", "'zigzag'"]),
            "bench misspelt array" => (["bench", local, "--array", "temperture", "--pattern", "scan"], null, 2, ["'temperture'", "did you mean 'temperature'"]),
            "bench bad passes" => (["bench", local, "--array", "temperature", "--pattern", "scan", "--passes", "0"], null, 2, ["--passes", "was 0"]),
            "bench origin down" => (["bench", down, "--array", "a", "--pattern", "scan"], null, 1, [down, ".zmetadata"]),

            "warm without disk cache" => (["warm", local, "--array", "temperature"], null, 2, ["--disk-cache DIR"]),
            "warm bad region" => (["warm", local, "--array", "temperature", "--region", "0:x", "--disk-cache", cache], null, 2, ["--region '0:x'", "'x'"]),
            "warm corrupt metadata" => (["warm", local, "--array", "broken", "--disk-cache", cache], null, 1, ["broken/.zarray"]),
            "warm origin down" => (["warm", down, "--array", "a", "--disk-cache", cache], null, 1, [down, "a/zarr.json"]),
            "warm prefix over http" => (["warm", _stores.PlainHttpUrl, "--disk-cache", cache], null, 2, ["cannot list", "--array"]),

            "stats missing folder" => (["stats", "--disk-cache", cache + "-missing"], null, 2, ["--disk-cache", cache + "-missing"]),
            "stats missing option" => (["stats"], null, 2, ["--disk-cache"]),
            "clear missing folder" => (["clear", "--disk-cache", cache + "-missing"], null, 2, ["--disk-cache", cache + "-missing"]),
            "clear unknown option" => (["clear", "--disk-cache", cache, "--json"], null, 2, ["--json"]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    /// <summary>
    /// The stores the cases read: a local v2 hierarchy (arrays temperature and sub/pressure, and broken with a
    /// .zarray that is not JSON), a hierarchy without consolidated metadata served by nginx, a closed port, an HTTP
    /// origin that answers 403 to everything, and s3rver.
    /// </summary>
#pragma warning disable CA1001 // xunit ends a fixture with IAsyncLifetime.DisposeAsync, which disposes the server.
    public sealed class Stores : IAsyncLifetime
#pragma warning restore CA1001
    {
        private readonly string _root = Directory.CreateTempSubdirectory("zarrcache-cli-errors-").FullName;
        private FaultServer? _refusing;
        private string? _served;

        public string Local => Path.Combine(_root, "local.zarr");

        public string CacheDir => Path.Combine(_root, "cache");

        public string DownUrl { get; private set; } = string.Empty;

        public string RefusingUrl { get; private set; } = string.Empty;

        public string PlainHttpUrl { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(CacheDir);
            await WriteHierarchyAsync(Local, withBroken: true);

            var http = OriginServers.Http();
            _served = Path.Combine(http.Root, "cli-errors-" + Guid.NewGuid().ToString("N"));
            await WriteHierarchyAsync(Path.Combine(_served, "plain.zarr"), withBroken: false);
            PlainHttpUrl = new Uri(http.BaseUri, Path.GetFileName(_served) + "/plain.zarr").ToString();

            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            DownUrl = $"http://127.0.0.1:{port}/data.zarr";

            _refusing = new FaultServer();
            _refusing.Enqueue(Fault.WithStatus(403, "Forbidden"), times: 1000);
            RefusingUrl = new Uri(_refusing.BaseUri, "data.zarr").ToString();
        }

        public async Task DisposeAsync()
        {
            if (_refusing is not null)
            {
                await _refusing.DisposeAsync();
            }

            Directory.Delete(_root, recursive: true);
            if (_served is not null && Directory.Exists(_served))
            {
                Directory.Delete(_served, recursive: true);
            }
        }

        private static async Task WriteHierarchyAsync(string folder, bool withBroken)
        {
            var store = new FileSystemStore(folder);
            await ZarrGroup.CreateAsync(store, "", 2);
            await ZarrGroup.CreateAsync(store, "sub", 2);
            foreach (var path in new[] { "temperature", "sub/pressure" })
            {
                await ZarrArray.CreateAsync(store, path, new ZarrArrayOptions
                {
                    ZarrFormat = 2, Shape = [4, 3], ChunkShape = [2, 3], DataType = ZarrCache.Zarr.DataTypes.ZarrDataTypeKind.Int16,
                });
            }

            if (withBroken)
            {
                Directory.CreateDirectory(Path.Combine(folder, "broken"));
                await File.WriteAllTextAsync(Path.Combine(folder, "broken", ".zarray"), "{ \"zarr_format\": 2, \"shape\": [4");
            }
        }
    }
}
