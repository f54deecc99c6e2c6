using System.Buffers.Binary;
using System.Globalization;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// An array as xarray sees it: a named variable with dimension names (v2 <c>_ARRAY_DIMENSIONS</c>, v3
/// <c>dimension_names</c>), its attributes, and CF decoding on request: <see cref="ReadDecodedAsync"/> (fill values to
/// NaN, <c>scale_factor</c>/<c>add_offset</c>, CF times as <c>datetime64[ns]</c>), <see cref="ReadCfDatesAsync"/> and
/// <see cref="ReadDateTimesAsync"/> for times. The raw values are <see cref="Array"/>'s.
/// </summary>
public sealed class ZarrVariable
{
    /// <summary>The attributes that CF decoding consumes, which xarray moves from a decoded variable's attributes to its encoding.</summary>
    private static readonly string[] PackingAttributes = ["_FillValue", "missing_value", "scale_factor", "add_offset", "coordinates"];

    private readonly string _where;

    private ZarrVariable(ZarrArray array, string name, IReadOnlyList<string> dimensions, bool hasDimensionNames)
    {
        Array = array;
        Name = name;
        Dimensions = dimensions;
        HasDimensionNames = hasDimensionNames;
        _where = $"variable '{name}' (array '{array.Path}')";
        Attributes = array.Attributes.Where(a => a.Key != DimensionsAttribute).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var units = Attributes.TryGetValue("units", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var real = CfPacking.IsReal(array.DataType.Kind) && !array.DataType.IsTime; // datetime64/timedelta64 are int64 underneath, not CF-packed
        Packing = real ? CfPacking.For(array, _where) : null;
        if (real && CfTimeUnits.IsTimeUnits(units))
        {
            var calendar = Attributes.TryGetValue("calendar", out var c) ? c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText() : null;
            TimeUnits = CfTimeUnits.Parse(units!, calendar, _where);
        }

        var consumed = TimeUnits is null ? PackingAttributes : [.. PackingAttributes, "units", "calendar"];
        DecodedAttributes = Attributes.Where(a => !consumed.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    /// <summary>The v2 attribute that holds xarray's dimension names.</summary>
    public const string DimensionsAttribute = "_ARRAY_DIMENSIONS";

    /// <summary>The array.</summary>
    public ZarrArray Array { get; }

    /// <summary>The variable's name: the last segment of the array's path.</summary>
    public string Name { get; }

    /// <summary>The dimension names, one per dimension of the array (<c>dim_0</c>, <c>dim_1</c>… when the array has none, as xarray names an unnamed array's).</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>Whether the array names its dimensions (v2 <c>_ARRAY_DIMENSIONS</c>, v3 <c>dimension_names</c>), as xarray requires of a dataset's arrays.</summary>
    public bool HasDimensionNames { get; }

    /// <summary>The array's attributes without <c>_ARRAY_DIMENSIONS</c>: what xarray shows with <c>decode_cf=False</c> (which adds the v2 <c>fill_value</c> as <c>_FillValue</c>; see <see cref="Packing"/>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; }

    /// <summary>The attributes xarray shows once decoded: without those CF decoding consumes (<c>_FillValue</c>, <c>missing_value</c>, <c>scale_factor</c>, <c>add_offset</c>, <c>coordinates</c>, and a CF time's <c>units</c> and <c>calendar</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> DecodedAttributes { get; }

    /// <summary>The CF packing (fill values, scale, offset) of an integer or floating-point variable; null for other types.</summary>
    public CfPacking? Packing { get; }

    /// <summary>The CF time encoding when the variable is a CF time (numbers with <c>units: "&lt;unit&gt; since &lt;date&gt;"</c>); otherwise null.</summary>
    public CfTimeUnits? TimeUnits { get; }

    /// <summary>Whether the variable holds times: a CF time, or a native datetime64 array.</summary>
    public bool IsTime => TimeUnits is not null || Array.DataType.IsDateTime;

    /// <summary>
    /// The NumPy type of the decoded values, as xarray shows it: <c>float32</c> for packed int16 and so on (see
    /// <see cref="CfPacking.DecodedType"/>), <c>datetime64[ns]</c> for Gregorian times, <c>object</c> for times of other
    /// calendars (cftime objects in xarray) and variable-length strings, else the stored type (<c>&lt;U6</c>, <c>int64</c>).
    /// </summary>
    public string DecodedDataType => Array.DataType switch
    {
        _ when TimeUnits is { } t => t.Calendar.IsGregorian ? "datetime64[ns]" : "object",
        { IsTime: true, IsDateTime: true } => "datetime64[ns]",
        { IsTime: true } => "timedelta64[ns]",
        { IsVariableLength: true } => "object",
        { Kind: ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes } type => type.ToString(),
        var type => (Packing?.DecodedType ?? type).Name,
    };

    /// <summary>The variable of an array: its name is the last segment of its path; its dimensions as the array names them, else <c>dim_0</c>….</summary>
    /// <param name="array">The array.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="ZarrFormatException">The dimension names are malformed (not a list of strings, one per dimension), or a CF time's units or calendar are not CF's; the message names the array and the attribute.</exception>
    public static ZarrVariable FromArray(ZarrArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var name = array.Path[(array.Path.LastIndexOf('/') + 1)..];
        var names = DimensionNames(array);
        return new ZarrVariable(array, name, names ?? Enumerable.Range(0, array.Shape.Count).Select(i => "dim_" + i.ToString(CultureInfo.InvariantCulture)).ToArray(), names is not null);
    }

    /// <summary>
    /// Reads a selection with CF decoding: numbers with fill values masked to NaN and scale and offset applied, in
    /// <see cref="CfPacking.DecodedType"/>; CF times of a Gregorian calendar as <c>&lt;M8[ns]</c> (NaT where masked);
    /// native datetime64 as stored; strings as fixed-length <c>&lt;U#</c> (variable-length ones of the longest);
    /// anything else as stored.
    /// </summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The decoded elements.</returns>
    /// <exception cref="InvalidOperationException">The variable is a CF time of a calendar other than DateTime's (read it with <see cref="ReadCfDatesAsync"/>), or a time does not fit datetime64[ns].</exception>
    public async Task<ZarrArrayData> ReadDecodedAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        if (TimeUnits is not null)
        {
            var dates = await ReadDateTimesAsync(selection, cancellationToken).ConfigureAwait(false);
            var type = ZarrDataType.CreateTime(true, "ns");
            var bytes = new byte[dates.Data.Length * 8];
            for (var i = 0; i < dates.Data.Length; i++)
            {
                long count;
                try
                {
                    count = ZarrTime.FromDateTime(dates.Data[i], type);
                }
                catch (OverflowException e)
                {
                    throw new InvalidOperationException($"{_where}: element {i} of the selection, {dates.Data[i]:O}, is outside datetime64[ns] (1677 to 2262): {e.Message}", e);
                }

                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), count);
            }

            return new ZarrArrayData(bytes, dates.Shape, type);
        }

        if (Array.DataType.IsVariableLength)
        {
            var strings = await Array.ReadStringsAsync(selection, cancellationToken).ConfigureAwait(false);
            return ZarrArrayData.FromStrings(strings.Data, strings.Shape);
        }

        var stored = await Array.ReadAsync(selection, cancellationToken).ConfigureAwait(false);
        return Packing?.Decode(stored) ?? stored;
    }

    /// <summary>
    /// Reads a selection of a time variable as dates of its calendar (null where masked or NaT): CF times decoded from
    /// their units and calendar (integers exactly; after masking or scaling, through float64 as xarray), native
    /// datetime64 as proleptic Gregorian dates.
    /// </summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The dates and their shape.</returns>
    /// <exception cref="InvalidOperationException">The variable is not a time.</exception>
    /// <exception cref="OverflowException">A value is out of range; the message names the variable and the element.</exception>
    public async Task<ZarrArrayData<CfDate?>> ReadCfDatesAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        if (TimeUnits is not { } units)
        {
            if (!Array.DataType.IsDateTime)
            {
                throw new InvalidOperationException($"{_where} is not a time: it has no 'units' attribute '<unit> since <date>' and is not datetime64.");
            }

            var native = await Array.ReadDateTimesAsync(selection, cancellationToken).ConfigureAwait(false);
            return new ZarrArrayData<CfDate?>(native.Data.Select(d => d is { } t ? new CfDate(t.Year, t.Month, t.Day, t.TimeOfDay.Ticks * 100, CfCalendar.ProlepticGregorian) : null).ToArray(), native.Shape);
        }

        var stored = await Array.ReadAsync(selection, cancellationToken).ConfigureAwait(false);
        var exact = Packing!.IsIdentity && Array.DataType.Kind is not (ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64);
        var values = exact ? stored : Packing.Decode(stored);
        var size = values.DataType.Size;
        var result = new CfDate?[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var element = values.Bytes.AsSpan(i * size, size);
            try
            {
                result[i] = exact ? units.Decode(Integer(element, values.DataType.Kind)) : units.Decode(Codecs.ElementMath.Read(element, values.DataType.Kind));
            }
            catch (OverflowException e)
            {
                throw new OverflowException($"{_where}: element {i} of the selection: {e.Message}", e);
            }
        }

        return new ZarrArrayData<CfDate?>(result, values.Shape);
    }

    /// <summary>Reads a selection of a time variable of a Gregorian calendar (<c>standard</c>, <c>gregorian</c>, <c>proleptic_gregorian</c>, or native datetime64) as <see cref="DateTime"/> values (null where masked or NaT).</summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The times and their shape.</returns>
    /// <exception cref="InvalidOperationException">The variable is not a time, its calendar is not Gregorian (its dates are not DateTime's: read them with <see cref="ReadCfDatesAsync"/>), or a date is before 1582-10-15 in <c>standard</c>, or outside DateTime's range.</exception>
    public async Task<ZarrArrayData<DateTime?>> ReadDateTimesAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        if (TimeUnits is { Calendar.IsGregorian: false } units)
        {
            throw new InvalidOperationException($"{_where}: attribute 'calendar' is '{units.Calendar.Name}', whose dates DateTime cannot hold; read them with ReadCfDatesAsync.");
        }

        if (TimeUnits is null && Array.DataType.IsDateTime)
        {
            return await Array.ReadDateTimesAsync(selection, cancellationToken).ConfigureAwait(false);
        }

        var dates = await ReadCfDatesAsync(selection, cancellationToken).ConfigureAwait(false);
        var result = new DateTime?[dates.Data.Length];
        for (var i = 0; i < result.Length; i++)
        {
            if (dates.Data[i] is { } d)
            {
                result[i] = d.IsDateTime ? d.ToDateTime() : throw new InvalidOperationException($"{_where}: element {i} of the selection, {d}, is not a DateTime (before 1582-10-15 in the standard calendar, or outside years 1 to 9999).");
            }
        }

        return new ZarrArrayData<DateTime?>(result, dates.Shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({string.Join(", ", Dimensions)}) {DecodedDataType}";

    private static string[]? DimensionNames(ZarrArray array)
    {
        var where = $"array '{array.Path}'";
        if (array.ZarrFormat == 3)
        {
            if (array.DimensionNames is not { } names)
            {
                return null;
            }

            return names.Any(n => n is null)
                ? throw new ZarrFormatException($"{where}: dimension_names has null entries ([{string.Join(", ", names.Select(n => n ?? "null"))}]); xarray needs a name for every dimension.")
                : names.Select(n => n!).ToArray();
        }

        if (!array.Attributes.TryGetValue(DimensionsAttribute, out var attribute))
        {
            return null;
        }

        if (attribute.ValueKind != JsonValueKind.Array || attribute.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new ZarrFormatException($"{where}: attribute '{DimensionsAttribute}' is {attribute.GetRawText()}, not a list of names.");
        }

        var list = attribute.EnumerateArray().Select(e => e.GetString()!).ToArray();
        return list.Length == array.Shape.Count
            ? list
            : throw new ZarrFormatException($"{where}: attribute '{DimensionsAttribute}' names {list.Length} dimensions; the array has {array.Shape.Count}.");
    }

    private static long Integer(ReadOnlySpan<byte> element, ZarrDataTypeKind kind) => kind switch
    {
        ZarrDataTypeKind.UInt64 when BinaryPrimitives.ReadUInt64LittleEndian(element) is var u => u <= long.MaxValue ? (long)u : throw new OverflowException($"{u} does not fit int64."),
        ZarrDataTypeKind.Int64 => BinaryPrimitives.ReadInt64LittleEndian(element),
        _ => (long)Codecs.ElementMath.Read(element, kind),
    };
}
