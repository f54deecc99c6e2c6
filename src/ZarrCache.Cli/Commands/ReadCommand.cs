using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// `zarr-cache read &lt;store&gt; [--array PATH] [--region "0:10,5,:"] [--format json|sha256|npy] [--output FILE]
/// [--cf] [--decoded-cache SIZE]` with the cache options (<c>--trace FILE</c> records the requests to the cache).
/// </summary>
internal static class ReadCommand
{
    public static Command Create()
    {
        var store = new Argument<string>("store") { Description = "A local folder, or a file://, http(s):// or s3://bucket/prefix URL." };
        var arrayPath = new Option<string>("--array") { Description = "The array's path in the store (default: the root; without an array there, the error lists the arrays).", DefaultValueFactory = _ => string.Empty };
        var region = new Option<string>("--region") { Description = "Per dimension an index or a slice start:stop, as in NumPy: \"0:10,5,:\". Omitted trailing dimensions mean all.", DefaultValueFactory = _ => string.Empty };
        var format = new Option<string>("--format") { Description = "json, sha256 (hex SHA-256 of the elements, little endian, C order; variable-length strings as <U# of the longest) or npy (NumPy's own dtype: <M8[unit], <U#, |S#).", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "sha256", "npy");
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of standard output (required for npy)." };
        var cf = new Option<bool>("--cf") { Description = "Decode as xarray does (CF conventions): fill values to NaN, scale_factor/add_offset, CF times ('hours since …') as datetime64[ns]; times of other calendars (noleap, 360_day…) as ISO text in their calendar." };
        var cache = new CacheOptions();
        var decodedCache = new DecodedCacheCliOptions();
        var storeOptions = new StoreCliOptions();
        var command = new Command("read", "Read a region of an array and print it as JSON, a SHA-256, or write a .npy file.")
        {
            store, arrayPath, region, format, outputFile, cf,
        };
        cache.AddTo(command);
        decodedCache.AddTo(command);
        storeOptions.AddTo(command);
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            var fmt = result.GetValue(format)!;
            var file = result.GetValue(outputFile);
            if (fmt == "npy" && file is null)
            {
                throw new ArgumentException("--format npy needs --output FILE.");
            }

            var chunkCache = decodedCache.Create(result);
            var origin = StoreOpener.Open(result.GetValue(store)!, storeOptions.ToOpenOptions(result));
            try
            {
                using var trace = cache.OpenTrace(result);
                var source = cache.Wrap(origin, result, trace);
                var array = await ArrayLookup.OpenAsync(source, result.GetValue(arrayPath) ?? string.Empty, new ZarrArrayOptions { ChunkCache = chunkCache }, cancellationToken).ConfigureAwait(false);
                var selection = RegionOption.Parse(result.GetValue(region) ?? string.Empty, array);
                var data = result.GetValue(cf) ? await ReadCfAsync(ZarrVariable.FromArray(array), selection, cancellationToken).ConfigureAwait(false)
                    : array.DataType.IsVariableLength ? await ReadVariableLengthAsync(array, selection, cancellationToken).ConfigureAwait(false)
                    : await array.ReadAsync(selection, cancellationToken).ConfigureAwait(false);
                if (fmt == "npy")
                {
                    await File.WriteAllBytesAsync(file!, Npy(data), cancellationToken).ConfigureAwait(false);
                    return 0;
                }

                var text = fmt == "sha256" ? Convert.ToHexStringLower(SHA256.HashData(data.Bytes)) : Json(data);
                if (file is not null)
                {
                    await File.WriteAllTextAsync(file, text + "\n", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await result.InvocationConfiguration.Output.WriteLineAsync(text).ConfigureAwait(false);
                }

                return 0;
            }
            finally
            {
                (origin as IDisposable)?.Dispose();
            }
        }, store));
        return command;
    }

    /// <summary>Variable-length strings (and byte strings, as UTF-8) as NumPy's own fixed-length &lt;U# of the longest, which json, npy and sha256 then write.</summary>
    private static async Task<ZarrArrayData> ReadVariableLengthAsync(ZarrArray array, ArraySelection selection, CancellationToken cancellationToken)
    {
        var strings = await array.ReadStringsAsync(selection, cancellationToken).ConfigureAwait(false);
        return ZarrArrayData.FromStrings(strings.Data, strings.Shape);
    }

    /// <summary>--cf: xarray's decoding; dates of calendars NumPy cannot hold (noleap, 360_day…) as ISO text in their calendar (&lt;U#, "" where masked).</summary>
    private static async Task<ZarrArrayData> ReadCfAsync(ZarrVariable variable, ArraySelection selection, CancellationToken cancellationToken)
    {
        if (variable.TimeUnits is { Calendar.IsGregorian: false })
        {
            var dates = await variable.ReadCfDatesAsync(selection, cancellationToken).ConfigureAwait(false);
            return ZarrArrayData.FromStrings(dates.Data.Select(d => d?.ToIsoString()).ToArray(), dates.Shape);
        }

        return await variable.ReadDecodedAsync(selection, cancellationToken).ConfigureAwait(false);
    }

    internal static string Json(ZarrArrayData data)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("shape");
            foreach (var s in data.Shape)
            {
                w.WriteNumberValue(s);
            }

            w.WriteEndArray();
            w.WriteString("dtype", data.DataType.ToString());
            w.WriteStartArray("data");
            var size = data.DataType.Size;
            for (var i = 0; i < data.Bytes.Length; i += size)
            {
                ElementFormatter.WriteJson(w, data.DataType, data.Bytes.AsSpan(i, size));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static byte[] Npy(ZarrArrayData data)
    {
        var type = data.DataType.WithByteOrder(ZarrByteOrder.Little);
        var descr = type.V2Name;
        var shape = data.Shape.Length == 1 ? $"({data.Shape[0]},)" : "(" + string.Join(", ", data.Shape) + ")";
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        var pad = (64 - ((10 + dict.Length + 1) % 64)) % 64;
        var header = System.Text.Encoding.ASCII.GetBytes(dict + new string(' ', pad) + "\n");
        var result = new byte[10 + header.Length + data.Bytes.Length];
        result[0] = 0x93;
        "NUMPY"u8.CopyTo(result.AsSpan(1));
        result[6] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)header.Length);
        header.CopyTo(result, 10);
        data.Bytes.CopyTo(result, 10 + header.Length);
        return result;
    }
}
