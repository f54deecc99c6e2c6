// The Native AOT smoke test: runs the library's riskiest paths under whatever runtime built it and prints one line of
// values; exits 1 with the exception on any failure. Usage: ZarrCache.AotSmoke <the shared testdata folder>.
using ZarrCache.AotSmoke;

if (args.Length != 1 || !Directory.Exists(Path.Combine(args[0], "zarrita-fixtures")))
{
    await Console.Error.WriteLineAsync("usage: ZarrCache.AotSmoke <testdata folder holding zarrita-fixtures/>");
    return 2;
}

var scratch = Directory.CreateTempSubdirectory("zarrcache-aot-smoke-");
try
{
    Console.WriteLine(await SmokeRun.RunAsync(args[0], scratch.FullName));
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"aot-smoke failed: {e}");
    return 1;
}
finally
{
    scratch.Delete(recursive: true);
}
