using System.Diagnostics;

namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>Runs the built `zarr-cache` (zarr-cache.dll, copied beside the tests) as a child process, as a user runs it.</summary>
internal static class CliProcess
{
    /// <summary>The environment variables through which the AWS SDK finds credentials, and how a child is kept from finding any.</summary>
    public static IReadOnlyDictionary<string, string?> WithoutAwsCredentials { get; } = new Dictionary<string, string?>
    {
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_DEFAULT_PROFILE"] = null,
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>Runs `zarr-cache ARGS` to its end (killed after two minutes).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">Variables to set (a null value removes the variable) for the child only.</param>
    /// <returns>The exit code, standard output and standard error.</returns>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "zarr-cache.dll");
        Assert.True(File.Exists(dll), $"the CLI was not built beside the tests: {dll}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("zarr-cache did not start");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return (process.ExitCode, await output, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
