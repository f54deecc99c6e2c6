using ZarrCache.Zarr.Codecs.VariableLength;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr;

/// <summary>
/// Typed reads and writes of strings, byte strings and times, as extension methods of <see cref="ZarrArray"/>
/// (<c>array.ReadStringsAsync()</c>): the element conversions live here, the chunk walk in <see cref="ZarrArray"/> and
/// <see cref="VariableLengthChunks"/>.
/// </summary>
public static class ZarrArrayStrings
{
    /// <summary>
    /// Reads a selection of a string array as strings, in C order: variable-length strings (v2 <c>|O</c> with
    /// vlen-utf8, v3 <c>string</c>), fixed-length ones (<c>&lt;U#</c>, <c>fixed_length_utf32</c>; trailing NULs dropped
    /// as NumPy does), and byte strings decoded as UTF-8. Elements of missing chunks are the fill value (null when it is
    /// <c>null</c>).
    /// </summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The strings and their shape.</returns>
    /// <exception cref="ArgumentException">The array does not hold strings, or the selection does not fit it.</exception>
    /// <exception cref="ZarrFormatException">A chunk is corrupt or an element is not valid UTF-8/UTF-32; the message names its key.</exception>
    public static Task<ZarrArrayData<string?>> ReadStringsAsync(this ZarrArray array, ArraySelection? selection = null, CancellationToken cancellationToken = default) =>
        ReadItemsAsync(array, selection, StringItems.Instance, element => array.DataType.Kind == ZarrDataTypeKind.FixedString
            ? StringElements.ReadFixedString(element)
            : StringItems.Instance.FromBytes(StringElements.ReadFixedBytes(element)), cancellationToken);

    /// <summary>
    /// Reads a selection of a string array as byte arrays, in C order: variable-length byte strings (v2 <c>|O</c> with
    /// vlen-bytes, v3 <c>bytes</c>), fixed-length ones (<c>|S#</c>, <c>null_terminated_bytes</c>; trailing NULs dropped
    /// as NumPy does), and strings as their UTF-8 (UTF-32 for fixed-length strings).
    /// </summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The byte strings and their shape.</returns>
    /// <exception cref="ArgumentException">The array does not hold strings or byte strings, or the selection does not fit it.</exception>
    /// <exception cref="ZarrFormatException">A chunk is corrupt; the message names its key.</exception>
    public static Task<ZarrArrayData<byte[]?>> ReadByteStringsAsync(this ZarrArray array, ArraySelection? selection = null, CancellationToken cancellationToken = default) =>
        ReadItemsAsync(array, selection, ByteStringItems.Instance, element => array.DataType.Kind == ZarrDataTypeKind.FixedString
            ? element.ToArray()
            : StringElements.ReadFixedBytes(element), cancellationToken);

    /// <summary>
    /// Writes a selection of a string array from strings in C order (null writes as empty, as numcodecs writes None);
    /// a fixed-length string longer than the type holds is refused.
    /// </summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="data">As many strings as the selection holds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ArgumentException">The array does not hold strings, the data is not the selection's size, or a string does not fit.</exception>
    public static Task WriteStringsAsync(this ZarrArray array, ArraySelection? selection, ReadOnlyMemory<string?> data, CancellationToken cancellationToken = default) =>
        WriteItemsAsync(array, selection, data, StringItems.Instance, (value, element) =>
        {
            if (array.DataType.Kind == ZarrDataTypeKind.FixedString)
            {
                StringElements.WriteFixedString(value, element, array.DataType);
            }
            else
            {
                StringElements.WriteFixedBytes(StringItems.Instance.ToBytes(value), element, array.DataType);
            }
        }, cancellationToken);

    /// <summary>Writes a selection of a byte-string array from byte arrays in C order (null writes as empty).</summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="data">As many byte arrays as the selection holds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    /// <exception cref="ArgumentException">The array does not hold byte strings, the data is not the selection's size, or a value does not fit.</exception>
    public static Task WriteByteStringsAsync(this ZarrArray array, ArraySelection? selection, ReadOnlyMemory<byte[]?> data, CancellationToken cancellationToken = default) =>
        array.DataType.Kind is ZarrDataTypeKind.FixedString or ZarrDataTypeKind.String
            ? throw new ArgumentException($"Array '{array.Path}' holds strings ({array.DataType}); write them with WriteStringsAsync.", nameof(data))
            : WriteItemsAsync(array, selection, data, ByteStringItems.Instance, (value, element) => StringElements.WriteFixedBytes(value, element, array.DataType), cancellationToken);

    /// <summary>Reads a selection of a datetime64 array as <see cref="DateTime"/> values (null for NaT); <see cref="ZarrArray.ReadAsync{T}(ArraySelection?, CancellationToken)"/> of long reads the raw counts.</summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The times and their shape.</returns>
    /// <exception cref="ArgumentException">The array is not a datetime64 array.</exception>
    /// <exception cref="OverflowException">A value is outside DateTime's range or finer than its tick; the message names the element, value and unit.</exception>
    public static async Task<ZarrArrayData<DateTime?>> ReadDateTimesAsync(this ZarrArray array, ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        CheckTime(array, dateTime: true);
        var raw = await array.ReadAsync<long>(selection, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData<DateTime?>(ConvertTimes(array, raw.Data, ZarrTime.ToDateTime), raw.Shape);
    }

    /// <summary>Reads a selection of a timedelta64 array as <see cref="TimeSpan"/> values (null for NaT); <see cref="ZarrArray.ReadAsync{T}(ArraySelection?, CancellationToken)"/> of long reads the raw counts.</summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The durations and their shape.</returns>
    /// <exception cref="ArgumentException">The array is not a timedelta64 array.</exception>
    /// <exception cref="OverflowException">A value is outside TimeSpan's range, finer than its tick, or in years or months; the message names the element, value and unit.</exception>
    public static async Task<ZarrArrayData<TimeSpan?>> ReadTimeSpansAsync(this ZarrArray array, ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        CheckTime(array, dateTime: false);
        var raw = await array.ReadAsync<long>(selection, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData<TimeSpan?>(ConvertTimes(array, raw.Data, ZarrTime.ToTimeSpan), raw.Shape);
    }

    /// <summary>Writes a selection of a datetime64 array from <see cref="DateTime"/> values (null as NaT); each must be a whole number of the unit.</summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="data">As many values as the selection holds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    /// <exception cref="OverflowException">A value is not a whole number of the unit.</exception>
    public static Task WriteDateTimesAsync(this ZarrArray array, ArraySelection? selection, ReadOnlyMemory<DateTime?> data, CancellationToken cancellationToken = default)
    {
        CheckTime(array, dateTime: true);
        return array.WriteAsync<long>(selection, ToCounts(array, data.Span, ZarrTime.FromDateTime), cancellationToken);
    }

    /// <summary>Writes a selection of a timedelta64 array from <see cref="TimeSpan"/> values (null as NaT); each must be a whole number of the unit.</summary>
    /// <param name="array">The array.</param>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="data">As many values as the selection holds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    /// <exception cref="OverflowException">A value is not a whole number of the unit.</exception>
    public static Task WriteTimeSpansAsync(this ZarrArray array, ArraySelection? selection, ReadOnlyMemory<TimeSpan?> data, CancellationToken cancellationToken = default)
    {
        CheckTime(array, dateTime: false);
        return array.WriteAsync<long>(selection, ToCounts(array, data.Span, ZarrTime.FromTimeSpan), cancellationToken);
    }

    private delegate T FixedElementReader<T>(ReadOnlySpan<byte> element);

    private delegate void FixedElementWriter<T>(T value, Span<byte> element);

    private static async Task<ZarrArrayData<T>> ReadItemsAsync<T>(
        ZarrArray array, ArraySelection? selection, IItemConverter<T> converter, FixedElementReader<T> fixedReader, CancellationToken cancellationToken)
    {
        CheckString(array);
        var (start, count, shape, elements) = array.Resolve(selection);
        var result = new T[elements];
        if (array.DataType.IsVariableLength)
        {
            await new VariableLengthChunks(array).ReadAsync(start, count, result, converter, cancellationToken).ConfigureAwait(false);
            return new ZarrArrayData<T>(result, shape);
        }

        var bytes = GC.AllocateUninitializedArray<byte>((int)(elements * array.DataType.Size));
        await array.ReadIntoAsync(start, count, bytes, cancellationToken).ConfigureAwait(false);
        var size = array.DataType.Size;
        for (var i = 0; i < result.Length; i++)
        {
            try
            {
                result[i] = fixedReader(bytes.AsSpan(i * size, size));
            }
            catch (FormatException e)
            {
                throw new ZarrFormatException($"Array '{array.Path}' element {i} of the selection: {e.Message}.", e);
            }
        }

        return new ZarrArrayData<T>(result, shape);
    }

    private static Task WriteItemsAsync<T>(
        ZarrArray array, ArraySelection? selection, ReadOnlyMemory<T> data, IItemConverter<T> converter, FixedElementWriter<T> fixedWriter, CancellationToken cancellationToken)
    {
        CheckString(array);
        var writable = array.Store as IWritableStore ?? throw new InvalidOperationException($"Array '{array.Path}': the store is not writable.");
        var (start, count, _, elements) = array.Resolve(selection);
        if (data.Length != elements)
        {
            throw new ArgumentException($"Array '{array.Path}': the selection holds {elements} elements, the data {data.Length}.", nameof(data));
        }

        if (array.DataType.IsVariableLength)
        {
            return elements == 0 ? Task.CompletedTask : new VariableLengthChunks(array).WriteAsync(writable, start, count, data, converter, cancellationToken);
        }

        var size = array.DataType.Size;
        var bytes = new byte[elements * size];
        for (var i = 0; i < data.Length; i++)
        {
            fixedWriter(data.Span[i], bytes.AsSpan(i * size, size));
        }

        return array.WriteBytesAsync(selection, bytes, cancellationToken);
    }

    private static long[] ToCounts<T>(ZarrArray array, ReadOnlySpan<T?> values, Func<T?, ZarrDataType, long> convert)
        where T : struct
    {
        var counts = new long[values.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = convert(values[i], array.DataType);
        }

        return counts;
    }

    private static T?[] ConvertTimes<T>(ZarrArray array, long[] counts, Func<long, ZarrDataType, T?> convert)
        where T : struct
    {
        var result = new T?[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            try
            {
                result[i] = convert(counts[i], array.DataType);
            }
            catch (OverflowException e)
            {
                throw new OverflowException($"Array '{array.Path}' element {i} of the selection: {e.Message}", e);
            }
        }

        return result;
    }

    private static void CheckString(ZarrArray array)
    {
        if (!array.DataType.IsString)
        {
            throw new ArgumentException($"Array '{array.Path}' holds {array.DataType}, not strings or byte strings.");
        }
    }

    private static void CheckTime(ZarrArray array, bool dateTime)
    {
        if (!array.DataType.IsTime || array.DataType.IsDateTime != dateTime)
        {
            throw new ArgumentException($"Array '{array.Path}' holds {array.DataType}, not {(dateTime ? "datetime64" : "timedelta64")}.");
        }
    }
}
