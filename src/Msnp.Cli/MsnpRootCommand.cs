using System.CommandLine;
using System.CommandLine.Invocation;

namespace Msnp.Cli;

/// <summary>
/// The <c>msnp</c> root command. Each verb lives in its own file and contributes one subcommand
/// here, so adding a verb is one new file and one line below.
/// </summary>
internal static class MsnpRootCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("msnp: tools for the MSN Messenger Protocol (MSNP2 to MSNP9).");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(SendCommand.Create());
        root.Subcommands.Add(ListenCommand.Create());
        root.Subcommands.Add(ChatCommand.Create());
        root.Subcommands.Add(SendFileCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line; <paramref name="configuration"/> lets tests capture output.</summary>
    public static Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var parseResult = Create().Parse(args);

        // A verb's usage errors go to standard error only: help text on standard output would end
        // up in whatever the verb's output is piped to. A bare or mistyped verb still shows help.
        if (parseResult.Action is ParseErrorAction parseError && parseResult.CommandResult.Command is not RootCommand)
        {
            parseError.ShowHelp = false;
        }

        return parseResult.InvokeAsync(configuration, cancellationToken);
    }
}
