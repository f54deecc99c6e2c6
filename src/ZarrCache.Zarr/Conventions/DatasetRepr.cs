using System.Globalization;
using System.Text;

namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// The text of a <see cref="ZarrDataset"/> laid out as xarray's <c>Dataset</c> repr (Dimensions, Coordinates with
/// <c>*</c> on dimension coordinates, Data variables, Attributes; the same column widths), with each variable's decoded
/// attributes and CF encoding listed under it. Values are not read: every variable shows <c>...</c>, as xarray shows
/// a lazily opened variable.
/// </summary>
internal static class DatasetRepr
{
    public static string Format(ZarrDataset dataset)
    {
        var width = Math.Max(dataset.Variables.Count == 0 ? 0 : dataset.Variables.Max(v => v.Name.Length), 7) + 6;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<ZarrDataset '{(dataset.Group.Path.Length == 0 ? "/" : dataset.Group.Path)}'>\n");
        text.Append("Dimensions:".PadRight(width))
            .Append('(').Append(string.Join(", ", dataset.Dimensions.Select(d => $"{d.Key}: {d.Value.ToString(CultureInfo.InvariantCulture)}"))).Append(")\n");
        Section(text, "Coordinates:", dataset.Coordinates, width);
        Section(text, "Data variables:", dataset.DataVariables, width);
        if (dataset.Attributes.Count > 0)
        {
            text.Append("Attributes:\n");
            var attributeWidth = Math.Max(dataset.Attributes.Keys.Max(k => k.Length), 7) + 6;
            foreach (var (key, value) in dataset.Attributes)
            {
                text.Append($"    {key}:".PadRight(attributeWidth)).Append(' ').Append(Value(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<ZarrVariable> variables, int width)
    {
        text.Append(title);
        if (variables.Count == 0)
        {
            text.Append("\n    *empty*\n");
            return;
        }

        text.Append('\n');
        foreach (var v in variables)
        {
            var marker = ZarrDataset.IsDimensionCoordinate(v) ? '*' : ' ';
            text.Append($"  {marker} {v.Name} ".PadRight(width)).Append('(').Append(string.Join(", ", v.Dimensions)).Append(") ")
                .Append(v.DecodedDataType).Append(" ...\n");
            foreach (var (key, value) in v.DecodedAttributes)
            {
                text.Append("        ").Append(key).Append(": ").Append(Value(value)).Append('\n');
            }

            if (Encoding(v) is { Length: > 0 } encoding)
            {
                text.Append("        (encoded: ").Append(encoding).Append(")\n");
            }
        }
    }

    /// <summary>What CF decoding undoes for a variable: its stored type, fill values, scale and offset, time units.</summary>
    private static string Encoding(ZarrVariable v)
    {
        var parts = new List<string>();
        if (v.TimeUnits is { } units)
        {
            parts.Add($"{v.Array.DataType.Name}, {units}");
        }
        else if (v.Packing is { IsIdentity: false })
        {
            parts.Add(v.Array.DataType.Name);
        }

        if (v.Packing is { IsIdentity: false } p)
        {
            if (p.FillValues.Count > 0)
            {
                parts.Add("fill " + string.Join(" ", p.FillValues.Select(f => f.ToString("R", CultureInfo.InvariantCulture))));
            }

            if (p.ScaleFactor is { } scale)
            {
                parts.Add("scale_factor " + scale.ToString("R", CultureInfo.InvariantCulture));
            }

            if (p.AddOffset is { } offset)
            {
                parts.Add("add_offset " + offset.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        return string.Join(", ", parts);
    }

    private static string Value(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
