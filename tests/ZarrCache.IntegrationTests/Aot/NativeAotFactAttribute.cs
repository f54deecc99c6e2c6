namespace ZarrCache.IntegrationTests.Aot;

/// <summary>
/// A fact that needs the Native AOT toolchain (<see cref="AotSmokeBuild.MissingToolchain"/>: the linker clang-14 and
/// zlib's development files, installed by scripts/test.sh). Without it the test is skipped locally and runs (and fails,
/// saying what is missing) when CI is "true".
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        if (AotSmokeBuild.MissingToolchain is { } missing && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = missing + "; CI=true makes this a failure.";
        }
    }
}
