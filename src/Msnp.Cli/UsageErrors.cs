using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Msnp.Cli;

/// <summary>
/// Collects a command line's usage errors as one-line messages: System.CommandLine's own errors,
/// and a token that looks like an option but names none of the verb's (<c>--sever</c>), which
/// System.CommandLine would otherwise take as a positional argument (<c>send TO TEXT</c>).
/// </summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Find(ParseResult parse)
    {
        var known = KnownOptionNames(parse.CommandResult);
        var errors = new List<string>();
        foreach (var token in SuspectTokens(parse))
        {
            if (LooksLikeOption(token) && !known.Contains(OptionName(token)))
            {
                var name = OptionName(token);
                var suggestion = Closest(name, known);
                errors.Add(suggestion is null ? $"unknown option {name}." : $"unknown option {name}; did you mean {suggestion}?");
            }
        }

        // An unknown option is the whole story: its value then looks like a stray argument and a
        // required option it was meant to be looks missing, which would only bury the real error.
        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var error in parse.Errors)
        {
            errors.Add(Restyle(error.Message));
        }

        return errors.Distinct(StringComparer.Ordinal).ToList();
    }

    // System.CommandLine's wording, in the tool's one style.
    private static string Restyle(string message)
    {
        var required = Regex.Match(message, "^Option '(?<name>[^']+)' is required\\.$");
        if (required.Success)
        {
            return $"{required.Groups["name"].Value} is required.";
        }

        var unexpected = Regex.Match(message, "^Unrecognized command or argument '(?<token>.*)'\\.$");
        return unexpected.Success ? $"unexpected argument '{unexpected.Groups["token"].Value}'." : message;
    }

    // Tokens no option claimed: the unmatched ones, and the values of the verb's own arguments.
    private static IEnumerable<string> SuspectTokens(ParseResult parse)
    {
        foreach (var token in parse.UnmatchedTokens)
        {
            yield return token;
        }

        var afterDoubleDash = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var child in parse.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in child.Tokens)
            {
                if (!afterDoubleDash.Contains(token.Value))
                {
                    yield return token.Value;
                }
            }
        }
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && (char.IsAsciiLetter(token[1]) || (token[1] == '-' && token.Length > 2));

    private static string OptionName(string token)
    {
        var equals = token.IndexOfAny(['=', ':']);
        return equals > 0 ? token[..equals] : token;
    }

    private static HashSet<string> KnownOptionNames(CommandResult result)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is not CommandResult command)
            {
                continue;
            }

            foreach (var option in command.Command.Options)
            {
                if (r == result || option.Recursive)
                {
                    names.Add(option.Name);
                    names.UnionWith(option.Aliases);
                }
            }
        }

        return names;
    }

    private static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Where(c => c.StartsWith("--", StringComparison.Ordinal)))
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Only a near miss is worth suggesting: at most a third of the name differs.
        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    // Levenshtein distance over two short strings.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
