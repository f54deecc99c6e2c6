using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace ZarrCache.S3;

/// <summary>Which S3 failures a retry may cure, and what S3's answers and the SDK's own failures mean to a store's caller.</summary>
internal static class S3Errors
{
    /// <summary>Where the SDK looks for credentials, for messages (never the credentials themselves).</summary>
    public const string CredentialSources =
        "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (AWS_PROFILE, ~/.aws/credentials), or an instance role";

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "SlowDown", "InternalError", "ServiceUnavailable", "RequestTimeout", "Throttling", "ThrottlingException",
        "RequestTimeTooSkewed", "TooManyRequests", "RequestLimitExceeded",
    };

    /// <summary>Why the failure is transient, or null when it is not.</summary>
    public static string? TransientReason(Exception e)
    {
        switch (e)
        {
            case TransientOriginException t:
                return t.Message;
            case not null when OriginFramingException.Find(e) is { } framing:
                return framing.Message;
            case AmazonS3Exception s3 when (int)s3.StatusCode >= 500 || s3.StatusCode == HttpStatusCode.TooManyRequests
                                          || (s3.ErrorCode is not null && TransientCodes.Contains(s3.ErrorCode)):
                return FormattableString.Invariant($"S3 answered {(int)s3.StatusCode} {s3.ErrorCode}");
            case HttpRequestException h:
                return "the request failed: " + h.Message;
            case IOException io:
                return "the connection broke: " + io.Message;
            case TimeoutException:
                return "timed out";
            case AmazonServiceException or AmazonClientException when e.InnerException is { } inner && TransientReason(inner) is { } r:
                return r;
            default:
                return null;
        }
    }

    /// <summary>
    /// A failure of the SDK itself that no retry cures (it sent no request, or could not make sense of the answer) as
    /// the store's error naming the key: <see cref="MissingCredentialsException"/> when no credentials were found,
    /// else a <see cref="StoreException"/>.
    /// </summary>
    /// <param name="e">The SDK's exception (not an <see cref="AmazonS3Exception"/>, which carries S3's own answer).</param>
    /// <param name="key">The key of the request, or null for a request about no one key (listing).</param>
    /// <param name="where">The object's <c>s3://bucket/key</c> URL, or the bucket's and prefix's.</param>
    /// <returns>The exception to throw.</returns>
    public static StoreException ClientFailure(Exception e, StoreKey? key, string where)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (IsMissingCredentials(e))
        {
            var message = $"no AWS credentials were found to sign the request for {where}: set {CredentialSources}; a public bucket needs none (anonymous access).";
            return key is { } k ? new MissingCredentialsException(k, message, e) : new MissingCredentialsException("S3 store: " + message, e);
        }

        var text = UrlRedaction.Redact($"the S3 client failed for {where}: {e.Message}");
        return key is { } k2 ? new StoreException(k2, text, e) : new StoreException("S3 store: " + text, e);
    }

    /// <summary>
    /// S3's own answer to a request as the store's error: a <see cref="TransientOriginException"/> when a retry may cure
    /// it, else a <see cref="StoreException"/> naming the key (access denied, no such bucket, any other status).
    /// </summary>
    /// <param name="e">S3's answer.</param>
    /// <param name="storeKey">The key of the request, or null for a request about no one key (listing).</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="objectKey">The object key of the request, or the prefix of a listing.</param>
    /// <returns>The exception to throw.</returns>
    public static Exception ServiceFailure(AmazonS3Exception e, StoreKey? storeKey, string bucket, string objectKey)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (TransientReason(e) is { } reason)
        {
            return new TransientOriginException(reason, e);
        }

        var where = "s3://" + bucket + "/" + objectKey;
        string message;
        if (e.StatusCode == HttpStatusCode.Forbidden)
        {
            message = $"access was denied for bucket '{bucket}' and key '{objectKey}' (403 {e.ErrorCode}). Check the credentials' permissions, or use anonymous access for a public bucket.";
        }
        else if (e.ErrorCode == "NoSuchBucket")
        {
            message = $"the bucket '{bucket}' does not exist ({where}).";
        }
        else
        {
            message = FormattableString.Invariant($"S3 answered {(int)e.StatusCode} {e.ErrorCode} for {where}: {e.Message}");
        }

        // The SDK's own text may name the endpoint; an endpoint URL with user information must not show it.
        message = UrlRedaction.Redact(message);
        return storeKey is { } key ? new StoreException(key, message, e) : new StoreException("S3 store: " + message, e);
    }

    /// <summary>Whether S3's answer means the object is missing (NoSuchKey, or 404 other than NoSuchBucket).</summary>
    /// <param name="e">S3's answer.</param>
    /// <returns>True when the object is missing.</returns>
    public static bool IsMissing(AmazonS3Exception e) =>
        e.ErrorCode is "NoSuchKey" or "NotFound" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket");

    /// <summary>Whether the SDK failed because it found no credentials (its message says so; it has no type of its own).</summary>
    private static bool IsMissingCredentials(Exception e) =>
        e is Amazon.Runtime.CredentialManagement.ProfileNotFoundException
        || (e is AmazonClientException && e.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase));
}
