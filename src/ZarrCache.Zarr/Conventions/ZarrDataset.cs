namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// A group as xarray's <c>open_zarr</c> sees it: its arrays as variables (sorted by name), the dimensions they name and
/// their lengths, which variables are coordinates, and the group's attributes. Coordinates follow xarray's rules: a
/// one-dimensional variable named like its dimension is a dimension coordinate (an index); the names in a variable's
/// (or the group's) <c>coordinates</c> attribute are further coordinates; the rest are data variables. Subgroups are
/// not part of the dataset. Opening reads metadata only (one request with consolidated metadata).
/// </summary>
public sealed class ZarrDataset
{
    private readonly Dictionary<string, ZarrVariable> _byName;
    private readonly HashSet<string> _coordinates;

    private ZarrDataset(ZarrGroup group, IReadOnlyList<ZarrVariable> variables, OrderedDictionary<string, long> dimensions, HashSet<string> coordinates)
    {
        Group = group;
        Variables = variables;
        Dimensions = dimensions;
        _coordinates = coordinates;
        _byName = variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        Coordinates = variables.Where(v => coordinates.Contains(v.Name)).ToArray();
        DataVariables = variables.Where(v => !coordinates.Contains(v.Name)).ToArray();
        Attributes = group.Attributes.Where(a => a.Key != "coordinates").ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    /// <summary>The group.</summary>
    public ZarrGroup Group { get; }

    /// <summary>The dimensions and their lengths, in the order xarray lists them (as they first appear in the variables, sorted by name).</summary>
    public IReadOnlyDictionary<string, long> Dimensions { get; }

    /// <summary>Every variable, sorted by name (ordinal), as zarr lists a group's arrays.</summary>
    public IReadOnlyList<ZarrVariable> Variables { get; }

    /// <summary>The coordinate variables (dimension coordinates and those named by a <c>coordinates</c> attribute), sorted by name.</summary>
    public IReadOnlyList<ZarrVariable> Coordinates { get; }

    /// <summary>The data variables (those that are not coordinates), sorted by name.</summary>
    public IReadOnlyList<ZarrVariable> DataVariables { get; }

    /// <summary>The group's attributes, without a <c>coordinates</c> attribute (which xarray consumes).</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; }

    /// <summary>The variable of this name.</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="KeyNotFoundException">There is no such variable; the message lists the variables.</exception>
    public ZarrVariable this[string name] => _byName.TryGetValue(name, out var v)
        ? v
        : throw new KeyNotFoundException($"The dataset at '{Group.Path}' has no variable '{name}'; its variables are {string.Join(", ", _byName.Keys.Select(k => "'" + k + "'"))}.");

    /// <summary>Whether a variable is a coordinate.</summary>
    /// <param name="variable">A variable of this dataset.</param>
    /// <returns>Whether it is one of <see cref="Coordinates"/>.</returns>
    public bool IsCoordinate(ZarrVariable variable) => _coordinates.Contains(variable?.Name ?? throw new ArgumentNullException(nameof(variable)));

    /// <summary>Whether a variable is a dimension coordinate (an index in xarray): one-dimensional and named like its dimension.</summary>
    /// <param name="variable">A variable.</param>
    /// <returns>Whether it indexes its dimension.</returns>
    public static bool IsDimensionCoordinate(ZarrVariable variable) =>
        variable?.Dimensions is [var only] && only == variable.Name;

    /// <summary>Opens the group at a path as a dataset.</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The group's path ("" for the root).</param>
    /// <param name="options">How to read the arrays (such as a <see cref="ZarrArrayOptions.ChunkCache"/>); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ZarrFormatException">There is no group there; an array has no dimension names, or dimensions disagree in length; a time's units or calendar are not CF's. The message names the array and the field.</exception>
    public static async Task<ZarrDataset> OpenAsync(IReadableStore store, string path = "", ZarrArrayOptions? options = null, CancellationToken cancellationToken = default) =>
        await OpenAsync(await ZarrGroup.OpenAsync(store, path, cancellationToken).ConfigureAwait(false), options, cancellationToken).ConfigureAwait(false);

    /// <summary>Opens a group as a dataset: the arrays directly in it are its variables.</summary>
    /// <param name="group">The group.</param>
    /// <param name="options">How to read the arrays; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The dataset.</returns>
    /// <exception cref="ZarrFormatException">An array has no dimension names, or dimensions disagree in length; a time's units or calendar are not CF's. The message names the array and the field.</exception>
    public static async Task<ZarrDataset> OpenAsync(ZarrGroup group, ZarrArrayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        var variables = new List<ZarrVariable>();
        foreach (var member in await group.ListMembersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!member.IsArray)
            {
                continue;
            }

            var variable = ZarrVariable.FromArray(await group.OpenArrayAsync(member.Name, options, cancellationToken).ConfigureAwait(false));
            if (!variable.HasDimensionNames)
            {
                throw new ZarrFormatException(variable.Array.ZarrFormat == 2
                    ? $"array '{variable.Array.Path}': no attribute '{ZarrVariable.DimensionsAttribute}' in its .zattrs, which xarray needs to name the dimensions."
                    : $"array '{variable.Array.Path}': no dimension_names in its zarr.json, which xarray needs to name the dimensions.");
            }

            variables.Add(variable);
        }

        variables.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        var dimensions = new OrderedDictionary<string, long>(StringComparer.Ordinal);
        var owners = new Dictionary<string, ZarrVariable>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            for (var i = 0; i < variable.Dimensions.Count; i++)
            {
                var name = variable.Dimensions[i];
                var length = variable.Array.Shape[i];
                if (dimensions.TryGetValue(name, out var known) && known != length)
                {
                    throw new ZarrFormatException($"array '{variable.Array.Path}': dimension '{name}' has length {length}, but {known} in array '{owners[name].Array.Path}'.");
                }

                dimensions.TryAdd(name, length);
                owners.TryAdd(name, variable);
            }
        }

        return new ZarrDataset(group, variables, dimensions, FindCoordinates(group, variables));
    }

    /// <summary>The repr xarray prints for the dataset (see <see cref="DatasetRepr"/>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => DatasetRepr.Format(this);

    private static HashSet<string> FindCoordinates(ZarrGroup group, List<ZarrVariable> variables)
    {
        var names = variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var coordinates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            if (variable.Dimensions.Contains(variable.Name))
            {
                if (!IsDimensionCoordinate(variable))
                {
                    throw new ZarrFormatException($"variable '{variable.Name}' (array '{variable.Array.Path}') is named like its dimension but has dimensions ({string.Join(", ", variable.Dimensions)}); xarray needs such a variable to be one-dimensional.");
                }

                coordinates.Add(variable.Name);
            }

            AddNamed(variable.Attributes, names, coordinates, all: true);
        }

        AddNamed(group.Attributes, names, coordinates, all: false);
        return coordinates;
    }

    /// <summary>
    /// The names in a <c>coordinates</c> attribute (separated by spaces) as xarray 2023.01 takes them: a variable's only
    /// when every name is a variable of the dataset, the group's those that are.
    /// </summary>
    private static void AddNamed(IReadOnlyDictionary<string, JsonElement> attributes, HashSet<string> names, HashSet<string> coordinates, bool all)
    {
        if (attributes.TryGetValue("coordinates", out var value) && value.ValueKind == JsonValueKind.String)
        {
            var named = value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!all || named.All(names.Contains))
            {
                coordinates.UnionWith(named.Where(names.Contains));
            }
        }
    }
}
