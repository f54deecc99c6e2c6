namespace ZarrCache;

/// <summary>A store that can be read, listed and written, such as <see cref="MemoryStore"/> or <see cref="FileSystemStore"/>.</summary>
public interface IStore : IReadableStore, IListableStore, IWritableStore
{
}
