using System.Text.Json;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Zarr.Conventions;

/// <summary>
/// The datasets of tests/tools/xarray/dataset.py, written once per test class by Debian's python3-xarray 2023.01
/// (pinned in scripts/lib/common.sh), and what xarray showed of them. A missing xarray fails the tests; it never skips.
/// </summary>
public sealed class XarrayDatasets : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>Runs the script.</summary>
    public XarrayDatasets()
    {
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, [Path.Combine(TestPaths.RepoRoot, "tests", "tools", "xarray", "dataset.py"), _dir.Path], null);
        Assert.True(code == 0, $"xarray could not write the datasets (is python3-xarray 2023.01.0-1.1 installed? scripts/lib/common.sh install_prerequisites installs it): {output}");
        Expected = JsonDocument.Parse(output);
    }

    /// <summary>Where the datasets are: one folder per name.</summary>
    public string Root => _dir.Path;

    /// <summary>What xarray showed: {name: {dims, coords, data_vars, attrs, variables}}.</summary>
    public JsonDocument Expected { get; }

    /// <summary>The datasets xarray opened (all but bad_calendar).</summary>
    public IEnumerable<string> Names => Expected.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "bad_calendar");

    /// <inheritdoc />
    public void Dispose()
    {
        Expected.Dispose();
        _dir.Dispose();
    }
}
