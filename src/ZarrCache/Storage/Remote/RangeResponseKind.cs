namespace ZarrCache;

/// <summary>What an origin answered to a range request.</summary>
public enum RangeResponseKind
{
    /// <summary>The key is missing.</summary>
    Missing,

    /// <summary>The range starts at or after the end of the value.</summary>
    NotSatisfiable,

    /// <summary>The requested range, with its <c>Content-Range</c>.</summary>
    Partial,

    /// <summary>The whole value.</summary>
    Whole,
}
