namespace ZarrCache.Tests.TestSupport;

/// <summary>Reads the result of a ValueTask that must have completed synchronously (a memory hit), failing otherwise.</summary>
internal static class Completed
{
    public static T Result<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully, "expected a synchronous completion");
        return pending.Result;
    }
}
