using ZarrCache.Cli;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Cli;

public class StoreOpenerTests
{
    [Fact]
    public void Local_paths_and_file_urls_open_file_system_stores()
    {
        using var temp = new TempDirectory();
        Assert.Equal(temp.Path, Assert.IsType<FileSystemStore>(StoreOpener.Open(temp.Path, new StoreOpenOptions())).RootDirectory);
        Assert.Equal(temp.Path, Assert.IsType<FileSystemStore>(StoreOpener.Open("file://" + temp.Path, new StoreOpenOptions())).RootDirectory);
    }

    [Fact]
    public void Other_schemes_are_refused_in_this_build()
    {
        var e = Assert.Throws<ArgumentException>(() => StoreOpener.Open("ftp://example/x", new StoreOpenOptions()));
        Assert.Contains("ftp://example/x", e.Message, StringComparison.Ordinal);
    }
}
