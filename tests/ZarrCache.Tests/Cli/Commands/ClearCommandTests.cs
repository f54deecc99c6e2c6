namespace ZarrCache.Tests.Cli.Commands;

public class ClearCommandTests
{
    [Fact]
    public async Task Clear_empties_a_disk_cache_folder_and_says_how_many_entries_went()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir);
        var before = DiskCache.Inspect(fixture.CacheDir).Entries;
        Assert.True(before > 0);

        var (code, output, error) = await CliRunner.RunAsync("clear", "--disk-cache", fixture.CacheDir);

        Assert.True(code == 0, error);
        Assert.Contains($"deleted {before} entries", output, StringComparison.Ordinal);
        Assert.Equal(0, DiskCache.Inspect(fixture.CacheDir).Entries);
    }

    [Fact]
    public async Task Clear_of_a_missing_folder_is_an_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("clear", "--disk-cache", "/nonexistent/zc-cache");

        Assert.Equal(2, code);
        Assert.Contains("--disk-cache", error, StringComparison.Ordinal);
    }
}
