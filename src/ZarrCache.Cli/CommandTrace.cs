namespace ZarrCache.Cli;

/// <summary>
/// The access trace of one command run (<c>--trace FILE</c>): the observer its cached stores report to, and the file it
/// writes. Without <c>--trace</c> it is <see cref="None"/>, which records nothing. Dispose it when the command ends,
/// however it ends (done, failed or cancelled): that writes the records still buffered and closes the file. If the
/// process exits first (Ctrl+C while the command is still unwinding), the file is closed at exit all the same.
/// </summary>
internal sealed class CommandTrace : IDisposable
{
    private readonly IDisposable _file;

    private CommandTrace(IAccessObserver observer, IDisposable file)
    {
        Observer = observer;
        _file = file;
    }

    /// <summary>No trace: the null observer, and nothing to close.</summary>
    public static CommandTrace None { get; } = new(NullAccessObserver.Instance, NoFile.Instance);

    /// <summary>What the command's cached stores report their requests to.</summary>
    public IAccessObserver Observer { get; }

    /// <summary>Creates (or replaces) the trace file at <paramref name="path"/>.</summary>
    /// <param name="option">The option that named the file, for the error message.</param>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException">The file cannot be created; the message names the option and the file.</exception>
    public static CommandTrace Create(string option, string path)
    {
        try
        {
            var writer = TraceWriter.Create(path);
            var trace = new CommandTrace(writer, writer);
            AppDomain.CurrentDomain.ProcessExit += trace.CloseAtExit;
            return trace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"{option}: cannot create the trace file '{path}': {CliErrors.MessageOf(e)}", e);
        }
    }

    /// <summary><paramref name="config"/> reporting to this trace.</summary>
    public CacheConfig Into(CacheConfig config) => config with { AccessObserver = Observer };

    /// <inheritdoc />
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= CloseAtExit;
        _file.Dispose();
    }

    /// <summary>Closes the file as the process exits; a write that fails then cannot be reported, so it is dropped.</summary>
    private void CloseAtExit(object? sender, EventArgs e)
    {
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // The process is exiting: there is no one left to tell.
        }
    }

    private sealed class NoFile : IDisposable
    {
        public static NoFile Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
