using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;

namespace ZarrCache.S3;

/// <summary>
/// Options of an <see cref="S3Store"/>: where S3 is (region, or an endpoint URL for S3-compatible servers), how to
/// sign (the SDK's usual credential chain, explicit credentials, or anonymous), retries and limits.
/// </summary>
public sealed record S3StoreOptions
{
    /// <summary>The environment variable the AWS SDKs read for an S3-specific endpoint.</summary>
    public const string S3EndpointVariable = "AWS_ENDPOINT_URL_S3";

    /// <summary>The environment variable the AWS SDKs read for an endpoint of every service.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>The defaults: the SDK's region and credential chains, AWS endpoints.</summary>
    public static S3StoreOptions Default { get; } = new();

    /// <summary>The region, such as <c>eu-west-1</c>; null for <c>AWS_REGION</c> or <c>AWS_DEFAULT_REGION</c>, then <c>us-east-1</c>.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// The endpoint of an S3-compatible server (MinIO, s3rver, Ceph...), such as <c>http://127.0.0.1:9000</c>; null
    /// for <c>AWS_ENDPOINT_URL_S3</c> or <c>AWS_ENDPOINT_URL</c> when set (see <see cref="UseEnvironmentEndpoint"/>),
    /// else AWS itself.
    /// </summary>
    public Uri? Endpoint { get; init; }

    /// <summary>Whether an unset <see cref="Endpoint"/> is taken from <c>AWS_ENDPOINT_URL_S3</c> / <c>AWS_ENDPOINT_URL</c>.</summary>
    public bool UseEnvironmentEndpoint { get; init; } = true;

    /// <summary>Path-style addressing (<c>ENDPOINT/bucket/key</c>); null means on for a custom endpoint, off for AWS.</summary>
    public bool? ForcePathStyle { get; init; }

    /// <summary>Send unsigned requests (public buckets); no credentials are looked up.</summary>
    public bool Anonymous { get; init; }

    /// <summary>Explicit credentials; null for the SDK's default chain (environment, profile, instance role...).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>Retries of transient failures (5xx, SlowDown, timeouts, broken connections, truncated bodies). The SDK's own retries are off.</summary>
    public RetryOptions Retry { get; init; } = RetryOptions.Default;

    /// <summary>Open connections to the endpoint at most.</summary>
    public int MaxConnectionsPerServer { get; init; } = 32;

    /// <summary>Keys per ListObjectsV2 page (1 to 1000).</summary>
    public int ListPageSize { get; init; } = 1000;

    /// <summary>Deletes in flight at once for <see cref="S3Store.DeletePrefixAsync"/>.</summary>
    public int DeleteParallelism { get; init; } = 8;

    /// <summary>The largest value accepted, in bytes.</summary>
    public long MaxValueBytes { get; init; } = Array.MaxLength;

    /// <summary>Where retries are logged; none by default.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The clock backoff delays use; the system clock by default.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value out of range or malformed, named.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
        if (Region is not null && (Region.Length == 0 || Region.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-'))))
        {
            throw new ArgumentException($"S3StoreOptions.Region '{Region}' is not a region name such as 'eu-west-1'.", nameof(Region));
        }

        if (Endpoint is not null && (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException($"S3StoreOptions.Endpoint '{UrlRedaction.Redact(Endpoint)}' must be an absolute http:// or https:// URL.", nameof(Endpoint));
        }

        if (Anonymous && Credentials is not null)
        {
            throw new ArgumentException("S3StoreOptions: set either Anonymous or Credentials, not both.", nameof(Anonymous));
        }

        if (MaxConnectionsPerServer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnectionsPerServer), MaxConnectionsPerServer, "S3StoreOptions.MaxConnectionsPerServer must be at least 1.");
        }

        if (ListPageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(ListPageSize), ListPageSize, "S3StoreOptions.ListPageSize must be between 1 and 1000.");
        }

        if (DeleteParallelism is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(DeleteParallelism), DeleteParallelism, "S3StoreOptions.DeleteParallelism must be between 1 and 256.");
        }

        if (MaxValueBytes is < 1 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxValueBytes), MaxValueBytes, "S3StoreOptions.MaxValueBytes must be between 1 and Array.MaxLength.");
        }
    }

    /// <summary>The endpoint in force: <see cref="Endpoint"/>, else the environment's (when allowed), else null (AWS).</summary>
    /// <returns>The endpoint, or null.</returns>
    /// <exception cref="ArgumentException">The environment variable holds no valid URL.</exception>
    public Uri? ResolveEndpoint()
    {
        if (Endpoint is not null || !UseEnvironmentEndpoint)
        {
            return Endpoint;
        }

        foreach (var name in new[] { S3EndpointVariable, EndpointVariable })
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The environment variable {name} ('{UrlRedaction.Redact(value)}') is not an absolute http:// or https:// URL.", nameof(Endpoint));
            }

            return uri;
        }

        return null;
    }

    /// <summary>Builds the SDK configuration these options describe.</summary>
    /// <returns>The configuration.</returns>
    public AmazonS3Config ToAmazonS3Config()
    {
        Validate();
        var endpoint = ResolveEndpoint();
        var config = new AmazonS3Config
        {
            // Retries are ours (bounded, logged, counted): the SDK must not multiply them.
            MaxErrorRetry = 0,
            MaxStaleConnectionRetries = 0,
            Timeout = Retry.AttemptTimeout == Timeout.InfiniteTimeSpan ? null : Retry.AttemptTimeout + TimeSpan.FromSeconds(1),
            MaxConnectionsPerServer = MaxConnectionsPerServer,

            // AWSSDK v4 sends and checks CRC checksums by default; many S3-compatible servers reject or lack them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,

            // The endpoint in force is decided above (ResolveEndpoint); the SDK must not pick another one itself.
            IgnoreConfiguredEndpointUrls = true,

            // HttpStore's handler: it fails a response that carries more bytes than its Content-Length announced,
            // which HttpClient would otherwise drop silently, handing out the short prefix as the whole object.
            HttpClientFactory = new FramingCheckedHttpClientFactory(MaxConnectionsPerServer),
        };
        var region = Region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(region) ? "us-east-1" : region;
            config.ForcePathStyle = ForcePathStyle ?? true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(string.IsNullOrWhiteSpace(region) ? "us-east-1" : region);
            config.ForcePathStyle = ForcePathStyle ?? false;
        }

        return config;
    }

    /// <summary>Creates the one client a store uses: anonymous, with explicit credentials, or with the SDK's chain.</summary>
    /// <returns>The client.</returns>
    public AmazonS3Client CreateClient()
    {
        var config = ToAmazonS3Config();
        if (Anonymous)
        {
            return new AmazonS3Client(new AnonymousAWSCredentials(), config);
        }

        return Credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(Credentials, config);
    }
}
