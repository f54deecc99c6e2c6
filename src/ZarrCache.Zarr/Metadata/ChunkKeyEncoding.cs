using System.Text;

namespace ZarrCache.Zarr.Metadata;

/// <summary>Turns chunk grid coordinates into store keys: v3 <c>default</c> (<c>c/0/1</c>) or <c>v2</c> (<c>0.1</c>) with a separator.</summary>
public sealed class ChunkKeyEncoding
{
    /// <summary>Creates an encoding.</summary>
    /// <param name="isDefault">v3 <c>default</c> (prefix <c>c</c>) rather than <c>v2</c>.</param>
    /// <param name="separator">'/' or '.'.</param>
    public ChunkKeyEncoding(bool isDefault, char separator)
    {
        if (separator is not ('/' or '.'))
        {
            throw new ArgumentException($"A chunk key separator is '/' or '.', not '{separator}'.", nameof(separator));
        }

        IsDefault = isDefault;
        Separator = separator;
    }

    /// <summary>Whether this is the v3 <c>default</c> encoding.</summary>
    public bool IsDefault { get; }

    /// <summary>The separator.</summary>
    public char Separator { get; }

    /// <summary>The key of a chunk, relative to the array.</summary>
    /// <param name="coordinates">The chunk's grid coordinates.</param>
    /// <returns>The relative key.</returns>
    public string Encode(ReadOnlySpan<long> coordinates)
    {
        var sb = new StringBuilder();
        if (IsDefault)
        {
            sb.Append('c');
            foreach (var c in coordinates)
            {
                sb.Append(Separator).Append(c);
            }

            return sb.ToString();
        }

        if (coordinates.Length == 0)
        {
            return "0";
        }

        for (var i = 0; i < coordinates.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(Separator);
            }

            sb.Append(coordinates[i]);
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => (IsDefault ? "default" : "v2") + " '" + Separator + "'";
}
