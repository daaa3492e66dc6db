using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Msnp.Cli;

/// <summary>
/// <c>serve --log-level LEVEL</c>: the minimum level of the server's log lines on standard error,
/// passed on as the configuration key <c>Logging:LogLevel:Default</c> (which appsettings.json and
/// <c>Logging__LogLevel__Default</c> also set; the switch wins).
/// </summary>
internal static class ServeLogLevel
{
    public static Option<LogLevel?> Create() => new("--log-level")
    {
        Description = "Minimum level of log lines: trace, debug, information (default), warning, error, critical, none.",
        HelpName = "LEVEL",
        CustomParser = r =>
        {
            var text = r.Tokens[0].Value;
            if (Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _))
            {
                return level;
            }

            r.AddError($"--log-level must be trace, debug, information, warning, error, critical or none, got '{text}'.");
            return null;
        },
    };

    public static string[] ToConfiguration(ParseResult parse, Option<LogLevel?> option) =>
        parse.GetValue(option) is { } level ? [$"--Logging:LogLevel:Default={level}"] : [];
}
