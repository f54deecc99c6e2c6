// The README's S3 example: read a region of an S3 array through a memory cache.
// The tests build and run it against s3rver (args: the hierarchy's s3:// URL and the S3 endpoint).
using ZarrCache;
using ZarrCache.S3;
using ZarrCache.Zarr;

var options = new StoreOpenOptions { Cache = new CacheConfig { MaxMemorySize = 64 << 20 } }
    .UseS3(new S3StoreOptions { Endpoint = new Uri(args[1]), Anonymous = true });
var array = await ZarrArray.OpenAsync(args[0], "3d.chunked.i2", options);
var region = await array.ReadAsync<short>(ArraySelection.Parse("0:2, 1, 1:3"));
Console.WriteLine($"[{string.Join(", ", region.Shape)}]: {string.Join(" ", region.Data)}");
