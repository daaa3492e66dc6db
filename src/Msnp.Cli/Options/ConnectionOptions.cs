using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Msnp.Client;
using Msnp.Protocol.Dialects;

namespace Msnp.Cli.Options;

/// <summary>
/// The options every verb that signs in shares (<c>--server</c>, <c>--user</c>, <c>--password</c>,
/// <c>--version</c>, <c>--nexus</c>, <c>--gateway</c>, <c>--trust-cert</c> | <c>--insecure</c>), and their mapping to
/// <see cref="MsnpClientOptions"/>.
/// </summary>
internal sealed class ConnectionOptions
{
    public const string PasswordVariable = "MSNP_PASSWORD";

    private readonly Option<string> _server = new("--server")
    {
        Description = "The dispatch or notification server, HOST:PORT.",
        HelpName = "HOST:PORT",
        Required = true,
    };

    private readonly Option<string> _user = new("--user")
    {
        Description = "The account to sign in as.",
        HelpName = "EMAIL",
        Required = true,
    };

    private readonly Option<string?> _password = new("--password")
    {
        Description = $"The password (or set {PasswordVariable}; asked for on a terminal when neither is given).",
        HelpName = "PW",
    };

    private readonly Option<MsnpDialect> _version = DialectOption.Create(MsnpDialect.Msnp8, "--version");

    private readonly Option<Uri?> _nexus = HttpUrlOption.Create(
        "--nexus", "The Passport nexus for MSNP8-9 (default: the one the server advertises, else https://HOST:443/rdr/pprdr.asp).");

    private readonly Option<Uri?> _gateway = HttpUrlOption.Create(
        "--gateway", "Connect through the server's HTTP gateway instead of TCP, e.g. http://HOST:8080/gateway/gateway.dll.");

    private readonly Option<FileInfo> _trustCert = new("--trust-cert")
    {
        Description = "A PEM certificate to trust for Passport HTTPS, e.g. the server's passport.crt.",
        HelpName = "FILE",
    };

    private readonly Option<Msnp.Client.P2P.DisplayPicture?> _picture = DisplayPictureOption.Create();

    private readonly Option<bool> _insecure = new("--insecure")
    {
        Description = "Skip TLS certificate checks (testing only: the password is exposed).",
    };

    /// <summary>Adds the options to <paramref name="command"/>, with the checks that span several of them.</summary>
    public void AddTo(Command command)
    {
        _server.Validators.Add(result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!TryParseServer(text, out _, out _))
            {
                result.AddError($"--server must be HOST:PORT, got '{text}'.");
            }
        });
        _trustCert.AcceptExistingOnly();
        command.Options.Add(_server);
        command.Options.Add(_user);
        command.Options.Add(_password);
        command.Options.Add(_version);
        command.Options.Add(_nexus);
        command.Options.Add(_gateway);
        command.Options.Add(_trustCert);
        command.Options.Add(_insecure);
        command.Options.Add(_picture);
        command.Validators.Add(result =>
        {
            if (result.GetResult(_trustCert) is { Implicit: false } && result.GetResult(_insecure) is { Implicit: false })
            {
                result.AddError("--trust-cert and --insecure cannot be used together.");
            }
        });
    }

    /// <summary>The client options for a parsed command line, or null when no password was given.</summary>
    public MsnpClientOptions? ToClientOptions(ParseResult parse)
    {
        var password = parse.GetValue(_password) ?? Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = PasswordPrompt.Read($"Password for {parse.GetValue(_user)}: ");
        }

        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        TryParseServer(parse.GetValue(_server)!, out var host, out var port);
        return new MsnpClientOptions
        {
            // Announce MSNC P2P so MSN 6+ peers offer files and pictures the way this client takes them.
            ClientId = Msnp.Client.P2P.ContactCapabilities.P2PClientId,
            DisplayPicture = parse.GetValue(_picture),
            Host = host,
            Port = port,
            Account = parse.GetValue(_user)!,
            Password = password,
            Dialect = parse.GetValue(_version)!,
            NexusUrl = parse.GetValue(_nexus),
            GatewayUrl = parse.GetValue(_gateway),
            TrustedCertificatePath = parse.GetValue(_trustCert)?.FullName,
            AcceptUntrustedCertificates = parse.GetValue(_insecure),
        };
    }

    private static bool TryParseServer(string text, out string host, out int port)
    {
        var colon = text.LastIndexOf(':');
        host = colon > 0 ? text[..colon].Trim('[', ']') : string.Empty;
        port = 0;
        return colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is > 0 and <= 65535;
    }
}
