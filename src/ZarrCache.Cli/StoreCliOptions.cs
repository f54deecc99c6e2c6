using System.CommandLine;

namespace ZarrCache.Cli;

/// <summary>The store options every command that opens a location shares: <c>--endpoint</c>, <c>--anonymous</c>, <c>--s3-region</c>.</summary>
/// <remarks>The S3 region is <c>--s3-region</c>, not <c>--region</c>: <c>zarr-cache read --region</c> is the selection.</remarks>
internal sealed class StoreCliOptions
{
    /// <summary>The S3 region option's name.</summary>
    public const string RegionName = "--s3-region";

    /// <summary>The S3 endpoint option's name.</summary>
    public const string EndpointName = "--endpoint";

    /// <summary>Creates the three options (one set per command).</summary>
    public StoreCliOptions()
    {
        Endpoint = new Option<string?>(EndpointName)
        {
            Description = "S3-compatible endpoint URL for s3:// locations, e.g. http://127.0.0.1:9000 (path-style). Default: AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, else AWS.",
        };
        Anonymous = new Option<bool>("--anonymous")
        {
            Description = "Send unsigned S3 requests (public buckets); no credentials are looked up.",
        };
        Region = new Option<string?>(RegionName)
        {
            Description = "S3 region, e.g. eu-west-1. Default: AWS_REGION / AWS_DEFAULT_REGION, else us-east-1.",
        };
    }

    /// <summary><c>--endpoint URL</c>.</summary>
    public Option<string?> Endpoint { get; }

    /// <summary><c>--anonymous</c>.</summary>
    public Option<bool> Anonymous { get; }

    /// <summary><c>--s3-region NAME</c>.</summary>
    public Option<string?> Region { get; }

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.AddOptions(Endpoint, Anonymous, Region);
    }

    /// <summary>The options the user gave.</summary>
    /// <param name="parseResult">The parse result of a command these options were added to.</param>
    /// <returns>The open options.</returns>
    public StoreOpenArguments ToOpenOptions(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new StoreOpenArguments
        {
            Endpoint = parseResult.GetValue(Endpoint),
            Anonymous = parseResult.GetValue(Anonymous),
            Region = parseResult.GetValue(Region),
        };
    }
}
