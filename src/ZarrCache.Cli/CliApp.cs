using System.CommandLine;
using System.CommandLine.Parsing;
using ZarrCache.Cli.Commands;

namespace ZarrCache.Cli;

/// <summary>The `zarr-cache` command tree, and how a command line is run (parse errors are bad usage, exit 2).</summary>
internal static class CliApp
{
    /// <summary>The option every command takes: print the exception chain under an error.</summary>
    public const string VerboseName = "--verbose";

    public static RootCommand Build()
    {
        var root = new RootCommand("zarr-cache: a read-through cache for Zarr stores (S3, HTTP, local files).");
        root.Options.Add(new Option<bool>(VerboseName) { Description = "On an error, also print its details (the exception chain).", Recursive = true });
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ReadCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ClearCommand.Create());
        root.Subcommands.Add(WarmCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(MrcCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs a command line. A command line that does not parse (an unknown option, a missing or unknown
    /// value) prints one <c>error:</c> line and a pointer to <c>--help</c>, and exits <see cref="CliErrors.Usage"/>.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="configuration">Where output and errors go; the console by default.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration();
        var parse = Build().Parse(args);
        if (parse.Errors.Count == 0)
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }

        var command = parse.CommandResult.Command is RootCommand ? "zarr-cache" : "zarr-cache " + parse.CommandResult.Command.Name;
        var message = string.Join(" ", parse.Errors.Select(Describe));
        await CliErrors.WriteAsync(configuration.Error, new CliErrors.Report(CliErrors.Usage, message, $"'{command} --help' lists the arguments and options."), null).ConfigureAwait(false);
        return CliErrors.Usage;
    }

    /// <summary>A parse error on one line, naming the option it is about.</summary>
    private static string Describe(ParseError error)
    {
        var text = CliErrors.MessageOf(new FormatException(error.Message));
        var option = error.SymbolResult switch
        {
            OptionResult o => o.Option.Name,
            ArgumentResult { Parent: OptionResult o } => o.Option.Name,
            _ => null,
        };
        return option is null || text.Contains(option, StringComparison.Ordinal) ? text : $"{option}: {text}";
    }
}
