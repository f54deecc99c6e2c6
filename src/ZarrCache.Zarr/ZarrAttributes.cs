using System.Diagnostics.CodeAnalysis;

namespace ZarrCache.Zarr;

/// <summary>
/// Attributes of arrays and groups (<see cref="ZarrArray.Attributes"/>, <see cref="ZarrGroup.Attributes"/>) as plain
/// .NET values: read one as a type (<c>array.Attributes.Get&lt;double&gt;("scale_factor")</c>), all as strings, numbers,
/// bools, lists and dictionaries, and build the attributes of a new array or group from such values
/// (<see cref="ZarrArrayOptions.Attributes"/> = <c>ZarrAttributes.From(...)</c>).
/// </summary>
public static class ZarrAttributes
{
    private const string JsonReflection =
        "Converts with System.Text.Json's reflection-based serializer: under trimming or Native AOT, read the JsonElement values of the attributes with a JsonSerializerContext instead.";

    /// <summary>One attribute as a .NET type (through System.Text.Json: numbers, strings, bools, arrays, lists, records...).</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="attributes">The attributes.</param>
    /// <param name="name">The attribute's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">There is no such attribute; the message names it and the ones there are.</exception>
    /// <exception cref="FormatException">The value is not a <typeparamref name="T"/>; the message names the attribute, its JSON and the type.</exception>
    [RequiresUnreferencedCode(JsonReflection)]
    [RequiresDynamicCode(JsonReflection)]
    public static T Get<T>(this IReadOnlyDictionary<string, JsonElement> attributes, string name)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(name);
        if (!attributes.TryGetValue(name, out var element))
        {
            throw new KeyNotFoundException($"There is no attribute '{name}'; there are: {(attributes.Count == 0 ? "none" : string.Join(", ", attributes.Keys.Order(StringComparer.Ordinal)))}.");
        }

        try
        {
            return element.Deserialize<T>()!;
        }
        catch (JsonException e)
        {
            throw new FormatException($"The attribute '{name}' is {Describe(element)}, not a {typeof(T).Name}.", e);
        }
    }

    /// <summary>One attribute as a .NET type, when it is there and is one.</summary>
    /// <typeparam name="T">The type.</typeparam>
    /// <param name="attributes">The attributes.</param>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">The value, or default.</param>
    /// <returns>Whether the attribute is there and converts.</returns>
    [RequiresUnreferencedCode(JsonReflection)]
    [RequiresDynamicCode(JsonReflection)]
    public static bool TryGet<T>(this IReadOnlyDictionary<string, JsonElement> attributes, string name, out T? value)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        value = default;
        if (!attributes.TryGetValue(name, out var element))
        {
            return false;
        }

        try
        {
            value = element.Deserialize<T>();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Every attribute as a plain value: string, long (or double for numbers that are not integers), bool, null,
    /// <c>List&lt;object?&gt;</c> and <c>Dictionary&lt;string, object?&gt;</c>.
    /// </summary>
    /// <param name="attributes">The attributes.</param>
    /// <returns>A new dictionary.</returns>
    public static Dictionary<string, object?> ToValues(this IReadOnlyDictionary<string, JsonElement> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return attributes.ToDictionary(a => a.Key, a => ToValue(a.Value), StringComparer.Ordinal);
    }

    /// <summary>A JSON value as a plain .NET value (see <see cref="ToValues"/>).</summary>
    /// <param name="element">The JSON value.</param>
    /// <returns>The value.</returns>
    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Attributes for a new array or group from .NET values (anything System.Text.Json writes: numbers, strings, arrays, dictionaries, records).</summary>
    /// <param name="values">The attributes by name.</param>
    /// <returns>The attributes as JSON values.</returns>
    /// <exception cref="ArgumentException">A value cannot be written as JSON; the message names its attribute.</exception>
    [RequiresUnreferencedCode(JsonReflection)]
    [RequiresDynamicCode(JsonReflection)]
    public static IReadOnlyDictionary<string, JsonElement> From(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            try
            {
                result[name] = JsonSerializer.SerializeToElement(value);
            }
            catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
            {
                throw new ArgumentException($"The attribute '{name}' ({value?.GetType().Name}) cannot be written as JSON: {e.Message}", nameof(values), e);
            }
        }

        return result;
    }

    private static string Describe(JsonElement element)
    {
        var text = element.GetRawText();
        return $"{element.ValueKind.ToString().ToLowerInvariant()} {(text.Length > 60 ? text[..57] + "..." : text)}";
    }
}
