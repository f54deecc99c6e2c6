using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;

namespace ZarrCache.Gateway.S3;

/// <summary>The S3 API's XML bodies: a ListObjectsV2 result and an error.</summary>
internal static class S3Xml
{
    private const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>Writes a <c>ListBucketResult</c>.</summary>
    /// <param name="response">Where.</param>
    /// <param name="bucket">The bucket name.</param>
    /// <param name="page">The page.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The body length.</returns>
    public static Task<long> WriteListAsync(HttpResponse response, string bucket, ListPage page, CancellationToken cancellationToken)
    {
        var r = page.Request;
        return WriteAsync(response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartElement("ListBucketResult", Namespace);
            w.WriteElementString("Name", Namespace, bucket);
            w.WriteElementString("Prefix", Namespace, r.Prefix);
            if (r.Delimiter.Length > 0)
            {
                w.WriteElementString("Delimiter", Namespace, r.Delimiter);
            }

            w.WriteElementString("MaxKeys", Namespace, r.MaxKeys.ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("KeyCount", Namespace, (page.Objects.Count + page.CommonPrefixes.Count).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("IsTruncated", Namespace, page.NextContinuationToken is null ? "false" : "true");
            Optional(w, "ContinuationToken", Namespace, r.ContinuationToken);
            Optional(w, "NextContinuationToken", Namespace, page.NextContinuationToken);
            Optional(w, "StartAfter", Namespace, r.StartAfter);
            foreach (var (key, size) in page.Objects)
            {
                w.WriteStartElement("Contents", Namespace);
                w.WriteElementString("Key", Namespace, key);
                w.WriteElementString("Size", Namespace, size.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("StorageClass", Namespace, "STANDARD");
                w.WriteEndElement();
            }

            foreach (var prefix in page.CommonPrefixes)
            {
                w.WriteStartElement("CommonPrefixes", Namespace);
                w.WriteElementString("Prefix", Namespace, prefix);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }, cancellationToken);
    }

    /// <summary>Writes an S3 <c>Error</c> body (for a HEAD only the status and headers).</summary>
    /// <param name="context">The request.</param>
    /// <param name="status">The status code.</param>
    /// <param name="code">The S3 error code, such as <c>NoSuchKey</c>.</param>
    /// <param name="message">One line; never a credential.</param>
    /// <param name="resource">The key or bucket it is about, or null.</param>
    /// <returns>A task that completes when it is written.</returns>
    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? resource)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        return WriteAsync(context.Response, status, w =>
        {
            w.WriteStartElement("Error");
            w.WriteElementString("Code", code);
            w.WriteElementString("Message", message);
            Optional(w, "Resource", string.Empty, resource);
            w.WriteElementString("RequestId", context.TraceIdentifier);
            w.WriteEndElement();
        }, context.RequestAborted);
    }

    private static void Optional(XmlWriter w, string name, string ns, string? value)
    {
        if (value is not null)
        {
            w.WriteElementString(name, ns, value);
        }
    }

    private static async Task<long> WriteAsync(HttpResponse response, int status, Action<XmlWriter> body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CheckCharacters = false }))
        {
            w.WriteStartDocument();
            body(w);
            w.WriteEndDocument();
        }

        response.StatusCode = status;
        response.ContentType = "application/xml";
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        return buffer.Length;
    }
}
