using System.CommandLine;
using Msnp.Cli.Options;

namespace Msnp.Cli;

/// <summary>
/// The <c>msnp</c> root command. Each verb lives in its own file and contributes one subcommand
/// here, so adding a verb is one new file and one line below.
/// </summary>
internal static class MsnpRootCommand
{
    /// <summary>Exit code for a failure no verb expected (a bug): one line, details with <c>--verbose</c>.</summary>
    public const int InternalError = 70;

    /// <summary><c>--verbose</c>: on every verb, prints the details of an unexpected failure.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print the details (stack trace) of an unexpected failure.",
        Recursive = true,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand("msnp: tools for the MSN Messenger Protocol (MSNP2 to MSNP9).");
        root.Options.Add(Verbose);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(AdminCommand.Create());
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(SendCommand.Create());
        root.Subcommands.Add(ListenCommand.Create());
        root.Subcommands.Add(ChatCommand.Create());
        root.Subcommands.Add(SendFileCommand.Create());
        root.Subcommands.Add(PictureCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        NumberParsers.Apply(root);
        return root;
    }

    /// <summary>The verb's name as messages start with it: <c>msnp user add</c>.</summary>
    public static string VerbName(ParseResult parse)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult c)
            {
                names.Insert(0, c.Command is RootCommand ? "msnp" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    /// <summary>Parses and runs a command line; <paramref name="configuration"/> lets tests capture output.</summary>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        configuration ??= new InvocationConfiguration();
        var parseResult = Create().Parse(args);
        var verb = VerbName(parseResult);

        // A verb's usage errors go to standard error only, one line each in the verb's style: help
        // text on standard output would end up in whatever the verb's output is piped to. A bare or
        // mistyped verb still shows help.
        if (parseResult.CommandResult.Command is not RootCommand)
        {
            var errors = UsageErrors.Find(parseResult);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await configuration.Error.WriteLineAsync($"{verb}: {error}").ConfigureAwait(false);
                }

                await configuration.Error.WriteLineAsync($"{verb}: see '{verb} --help'.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        }

        // Expected failures are reported by the verbs themselves; anything else is a bug, shown as
        // one line unless --verbose asks for the details.
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            var verbose = parseResult.GetValue(Verbose);
            await configuration.Error.WriteLineAsync(verbose
                ? $"{verb}: unexpected error: {e}"
                : $"{verb}: unexpected error: {e.GetType().Name}: {e.Message} (run again with --verbose for details)").ConfigureAwait(false);
            return InternalError;
        }
    }
}
