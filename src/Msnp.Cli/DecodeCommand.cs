using System.CommandLine;
using Msnp.Cli.Decoding;
using Msnp.Cli.Options;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Cli;

/// <summary><c>msnp decode</c>: turns a captured MSNP byte stream into one JSON object per frame.</summary>
internal static class DecodeCommand
{
    public static Command Create()
    {
        var from = DirectionOption.Create(DirectionOption.Server);
        var dialect = DialectOption.Create(MsnpDialect.Msnp8);
        var file = InputFileArgument.Create("The raw byte stream to decode; standard input when omitted or '-'.");

        var command = new Command("decode", "Frame a raw MSNP byte stream and print one JSON object per frame (JSON Lines).")
        {
            from,
            dialect,
            file,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var table = CommandTable.For(parseResult.GetValue(dialect)!, DirectionOption.ToDirection(parseResult.GetValue(from)!));
            var path = parseResult.GetValue(file);
            Stream input;
            try
            {
                input = InputFileArgument.Open(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"msnp decode: cannot read '{path ?? InputFileArgument.StandardInput}': {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await using (input.ConfigureAwait(false))
            await using (var output = Console.OpenStandardOutput())
            {
                return await new StreamDecoder(table).RunAsync(input, output, cancellationToken).ConfigureAwait(false);
            }
        });

        return command;
    }
}
