namespace ZarrCache.Benchmarks.Adapters;

/// <summary>Zarr v3 chunk keys (<c>temperature/c/t/y/x</c>), as <see cref="StoreKey"/>s and as strings.</summary>
internal sealed class ChunkKeys
{
    public ChunkKeys(int count)
    {
        Keys = new StoreKey[count];
        Strings = new string[count];
        for (var i = 0; i < count; i++)
        {
            var text = $"temperature/c/{i / 4096}/{i / 64 % 64}/{i % 64}";
            Strings[i] = text;
            Keys[i] = new StoreKey(text);
        }
    }

    public StoreKey[] Keys { get; }

    public string[] Strings { get; }

    public int Count => Keys.Length;
}
