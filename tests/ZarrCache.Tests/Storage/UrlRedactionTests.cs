namespace ZarrCache.Tests.Storage;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("http://alice:pw@host:8080/a/b?x=1#f", "http://***@host:8080/a/b?x=1#f")]
    [InlineData("https://alice@host/a", "https://***@host/a")]
    [InlineData("https://host/a@b", "https://host/a@b")]
    [InlineData("http://host/", "http://host/")]
    public void A_url_loses_its_user_information_and_keeps_the_rest(string url, string shown)
    {
        Assert.Equal(shown, UrlRedaction.Redact(new Uri(url)));
        Assert.Equal(shown, UrlRedaction.Redact(url));
    }

    [Theory]
    [InlineData("GET http://a:p%40ss@h/x from http://a:p@ss@h failed", "GET http://***@h/x from http://***@h failed")]
    [InlineData("in 'ftp://u:secret@x/y': unknown scheme", "in 'ftp://***@x/y': unknown scheme")]
    [InlineData("s3://bucket/k and alice@example.org", "s3://bucket/k and alice@example.org")]
    [InlineData("", "")]
    public void Every_url_in_a_text_loses_its_user_information(string text, string shown)
    {
        Assert.Equal(shown, UrlRedaction.Redact(text));
    }

    [Fact]
    public void Null_is_empty_text()
    {
        Assert.Equal(string.Empty, UrlRedaction.Redact((Uri?)null));
        Assert.Equal(string.Empty, UrlRedaction.Redact((string?)null));
    }
}
