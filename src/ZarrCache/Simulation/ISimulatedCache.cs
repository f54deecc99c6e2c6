namespace ZarrCache;

/// <summary>A single-threaded cache model over key numbers and sizes, for replaying traces fast.</summary>
internal interface ISimulatedCache
{
    /// <summary>Requests key <paramref name="id"/> of <paramref name="size"/> bytes: true on a hit; on a miss the value
    /// is admitted (read-through) unless it is larger than the budget.</summary>
    bool Access(int id, int size);
}
