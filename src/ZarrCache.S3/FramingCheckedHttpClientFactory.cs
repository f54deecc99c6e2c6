using Amazon.Runtime;

namespace ZarrCache.S3;

/// <summary>
/// Gives the AWS SDK clients built on <see cref="HttpStore.CreateHandler"/>, so that an S3 response with more bytes
/// than its Content-Length announced fails (and is retried) instead of yielding a short object.
/// </summary>
internal sealed class FramingCheckedHttpClientFactory(int maxConnectionsPerServer) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        var handler = HttpStore.CreateHandler(new HttpStoreOptions { MaxConnectionsPerServer = maxConnectionsPerServer });
        handler.AllowAutoRedirect = false;
        if (clientConfig.GetWebProxy() is { } proxy)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = clientConfig.Timeout ?? Timeout.InfiniteTimeSpan,
        };
    }
}
