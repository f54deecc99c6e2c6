namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// Bounded waits for tests: a wait that does not end fails the test with a message naming what did not happen,
/// instead of hanging the run. The bound is generous (the machine may be shared and slow); a passing test never
/// comes near it.
/// </summary>
internal static class Bounded
{
    /// <summary>How long a test waits for something that should happen at once.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Awaits <paramref name="task"/>, failing with "timed out ... waiting for <paramref name="what"/>".</summary>
    public static async Task WithTimeout(this Task task, string what, TimeSpan? timeout = null)
    {
        var bound = timeout ?? Timeout;
        if (await Task.WhenAny(task, Task.Delay(bound)).ConfigureAwait(false) != task)
        {
            Assert.Fail($"timed out after {bound.TotalSeconds:0.#} s waiting for {what}");
        }

        await task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="WithTimeout(Task, string, TimeSpan?)"/>
    public static async Task<T> WithTimeout<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        await ((Task)task).WithTimeout(what, timeout).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="WithTimeout(Task, string, TimeSpan?)"/>
    public static Task WithTimeout(this ValueTask task, string what, TimeSpan? timeout = null) => task.AsTask().WithTimeout(what, timeout);

    /// <inheritdoc cref="WithTimeout(Task, string, TimeSpan?)"/>
    public static Task<T> WithTimeout<T>(this ValueTask<T> task, string what, TimeSpan? timeout = null) => task.AsTask().WithTimeout(what, timeout);

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds, failing with "timed out ... waiting for
    /// <paramref name="what"/>" and <paramref name="state"/> (what was seen last) when it does not.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what, Func<string>? state = null, TimeSpan? timeout = null)
    {
        var bound = timeout ?? Timeout;
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {bound.TotalSeconds:0.#} s waiting for {what}" + (state is null ? "" : $" ({state()})"));
            }

            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for <paramref name="signal"/>, failing with "timed out ... waiting for <paramref name="what"/>".</summary>
    public static void Wait(ManualResetEventSlim signal, string what, TimeSpan? timeout = null)
    {
        var bound = timeout ?? Timeout;
        Assert.True(signal.Wait(bound), $"timed out after {bound.TotalSeconds:0.#} s waiting for {what}");
    }
}
