using System.CommandLine;
using Msnp.Protocol.Dialects;

namespace Msnp.Cli.Options;

/// <summary>
/// The protocol-version option, shared by every verb that speaks one version: <c>--dialect</c> for
/// reading captures, <c>--version</c> for verbs that connect (the name the usage gives).
/// </summary>
internal static class DialectOption
{
    public static Option<MsnpDialect> Create(MsnpDialect defaultDialect, string name = "--dialect") => new(name)
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

            result.AddError($"{name} must be MSNP{MsnpDialect.MinimumVersion} to MSNP{MsnpDialect.MaximumVersion} (or just the number), got '{text}'.");
            return defaultDialect;
        },
    };
}
