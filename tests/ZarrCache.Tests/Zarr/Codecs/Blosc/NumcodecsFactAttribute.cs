namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>
/// A fact that needs python3 with numcodecs (Debian's python3-numcodecs, installed by scripts/test.sh). Without it the
/// test is skipped locally and runs (and fails, saying what is missing) when CI is "true".
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NumcodecsFactAttribute : FactAttribute
{
    public NumcodecsFactAttribute()
    {
        if (!NumcodecsRunner.IsAvailable && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "python3 with numcodecs is not installed (scripts/test.sh installs python3-numcodecs); CI=true makes this a failure.";
        }
    }
}
