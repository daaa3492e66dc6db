using System.CommandLine;

namespace Msnp.Cli.Options;

/// <summary>An option whose value is an absolute <c>http</c> or <c>https</c> URL (<c>--nexus</c>, <c>--gateway</c>), with one check and one error wording.</summary>
internal static class HttpUrlOption
{
    public static Option<Uri?> Create(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return uri;
            }

            result.AddError($"{name} must be an http or https URL, got '{text}'.");
            return null;
        },
    };
}
