using Microsoft.Extensions.Options;

namespace ZarrCache.Hosting;

/// <summary>Checks a store's options when the host starts; each failure is one line naming the configuration key (<c>ZarrCache:Cache:MaxMemorySize must be positive, was 0.</c>).</summary>
internal sealed class ZarrCacheOptionsValidator(IEnumerable<ZarrCacheRegistration> registrations) : IValidateOptions<ZarrCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, ZarrCacheOptions options)
    {
        var registration = registrations.LastOrDefault(r => r.Name == (name ?? Options.DefaultName));
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var path = registration.SectionPath;
        var failures = new List<string>();
        if (registration.Origin is null && OriginOpener.Problem(options.Origin, path) is { } origin)
        {
            failures.Add(origin);
        }

        Check(failures, $"{path}:{nameof(ZarrCacheOptions.Cache)}", () => options.Cache.Validate());
        Check(failures, $"{path}:{nameof(ZarrCacheOptions.Http)}", () => options.Http.Validate());
        if (registration.ExtraTiers.Count > 0)
        {
            Check(failures, $"{path}:{nameof(ZarrCacheOptions.DistributedTier)}", () => options.DistributedTier.Validate());
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (CacheConfigException e)
        {
            // The core names the field ("MaxMemorySize: must be positive …"); the host names the key.
            var field = e.FieldName;
            failures.Add(field is null ? $"{section}: {e.Message}" : $"{section}:{field} {e.Message[(field.Length + 2)..]}");
        }
    }
}
