using System.CommandLine;

namespace Msnp.Cli.Tests.Support;

/// <summary>Runs <c>msnp</c> in-process with captured standard output and error.</summary>
internal static class InProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await RunAsync(timeout.Token, args);
    }

    /// <summary>Runs with a token that stands in for Ctrl-C.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await MsnpRootCommand.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
