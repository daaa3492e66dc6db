using System.CommandLine;
using Msnp.Protocol.Dialects;

namespace Msnp.Cli.Options;

/// <summary>The <c>--dialect</c> option, shared by every verb that speaks one protocol version.</summary>
internal static class DialectOption
{
    public static Option<MsnpDialect> Create(MsnpDialect defaultDialect) => new("--dialect")
    {
        Description = $"Protocol version: MSNP{MsnpDialect.MinimumVersion} to MSNP{MsnpDialect.MaximumVersion} (or just the number).",
        HelpName = "MSNPn",
        DefaultValueFactory = _ => defaultDialect,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (MsnpDialect.TryParseLenient(text, out var dialect))
            {
                return dialect;
            }

            result.AddError($"Unknown dialect '{text}'. Supported: MSNP{MsnpDialect.MinimumVersion} to MSNP{MsnpDialect.MaximumVersion}.");
            return defaultDialect;
        },
    };
}
