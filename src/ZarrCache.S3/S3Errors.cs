using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace ZarrCache.S3;

/// <summary>Which S3 failures a retry may cure.</summary>
internal static class S3Errors
{
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
}
