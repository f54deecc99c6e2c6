namespace ZarrCache.Hosting;

/// <summary>One tier of a registered cached store, by name (<c>memory</c>, <c>disk</c>, or the name it was added under), top first.</summary>
/// <param name="Name">The tier's name: in health-check names and in docs/hosting.md.</param>
/// <param name="Cache">The tier.</param>
public sealed record ZarrCacheTier(string Name, ICache Cache);
