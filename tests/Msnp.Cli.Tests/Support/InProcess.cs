using System.CommandLine;

namespace Msnp.Cli.Tests.Support;

/// <summary>Runs <c>msnp</c> in-process with captured standard output and error.</summary>
internal static class InProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await MsnpRootCommand.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }, timeout.Token);
        return (exitCode, output.ToString(), error.ToString());
    }
}
