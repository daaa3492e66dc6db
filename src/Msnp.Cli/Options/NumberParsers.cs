using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Msnp.Cli.Options;

/// <summary>
/// Gives every numeric option of every verb one parser with one style of error
/// (<c>--count must be a whole number, got 'abc'.</c>), so a bad value is a usage error naming the
/// option and the accepted form instead of a conversion exception. Options ending in <c>-port</c>
/// are also checked to be 0–65535 before anything tries to bind them.
/// </summary>
internal static class NumberParsers
{
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            Install(option);
        }

        foreach (var sub in command.Subcommands)
        {
            Apply(sub);
        }
    }

    private static void Install(Option option)
    {
        // A validator that reads the value would throw on a value the parser refused; the parser's
        // error already says what is wrong, so the validator has nothing to add.
        for (var i = 0; i < option.Validators.Count; i++)
        {
            var validate = option.Validators[i];
            option.Validators[i] = r =>
            {
                try
                {
                    validate(r);
                }
                catch (InvalidOperationException)
                {
                }
            };
        }

        switch (option)
        {
            case Option<int> o when o.CustomParser is null:
                o.CustomParser = WithDefault(o.DefaultValueFactory, r => ParseInt(r, o.Name) ?? 0);
                break;
            case Option<int?> o when o.CustomParser is null:
                o.CustomParser = WithDefault(o.DefaultValueFactory, r => ParseInt(r, o.Name));
                break;
            case Option<long> o when o.CustomParser is null:
                o.CustomParser = WithDefault(o.DefaultValueFactory, r => Parse(r, o.Name, "a whole number of bytes", static (string s, out long v) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)) ?? 0);
                break;
            case Option<double> o when o.CustomParser is null:
                o.CustomParser = WithDefault(o.DefaultValueFactory, r => ParseDouble(r, o.Name) ?? 0);
                break;
            case Option<double?> o when o.CustomParser is null:
                o.CustomParser = WithDefault(o.DefaultValueFactory, r => ParseDouble(r, o.Name));
                break;
        }
    }

    // An option that was not given keeps its declared default.
    private static Func<ArgumentResult, T> WithDefault<T>(Func<ArgumentResult, T>? defaultValue, Func<ArgumentResult, T> parse) =>
        r => r.Tokens.Count == 0 && defaultValue is not null ? defaultValue(r) : parse(r);

    private static int? ParseInt(ArgumentResult r, string name)
    {
        var value = Parse(r, name, "a whole number", static (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v));
        if (value is { } port && name.EndsWith("-port", StringComparison.Ordinal) && port is < 0 or > 65535)
        {
            r.AddError($"{name} must be a port number from 0 to 65535 (0 picks a free one), got '{port}'.");
            return null;
        }

        return value;
    }

    private static double? ParseDouble(ArgumentResult r, string name) =>
        Parse(r, name, "a number (e.g. 2.5)", static (string s, out double v) =>
            double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v) && double.IsFinite(v));

    private delegate bool TryParser<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult r, string name, string form, TryParser<T> tryParse)
        where T : struct
    {
        var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : string.Empty;
        if (tryParse(text, out var value))
        {
            return value;
        }

        r.AddError($"{name} must be {form}, got '{text}'.");
        return null;
    }
}
