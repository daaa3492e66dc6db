using System.CommandLine;
using System.Globalization;
using System.Net;
using Msnp.Client.FileTransfer;

namespace Msnp.Cli.Options;

/// <summary>
/// The file-transfer options of <c>send-file</c> and <c>listen --accept-files</c>: what address
/// peers are told, where and on which ports to listen, and the stall timeout.
/// </summary>
internal sealed class TransferOptions
{
    private readonly Option<IPAddress?> _advertise = new("--advertise-address")
    {
        Description = "The address offered to the peer (IP-Address); default: this machine's first IPv4 address.",
        HelpName = "IP",
        CustomParser = r => ParseAddress("--advertise-address", r.Tokens[0].Value, r),
    };

    private readonly Option<IPAddress?> _listen = new("--listen-address")
    {
        Description = "The local address to accept transfer connections on (default: all).",
        HelpName = "IP",
        CustomParser = r => ParseAddress("--listen-address", r.Tokens[0].Value, r),
    };

    private readonly Option<(int First, int Last)> _ports = new("--port")
    {
        Description = "The port, or FIRST-LAST range, to listen on for transfers; 0 for any free port.",
        HelpName = "PORT|FIRST-LAST",
        DefaultValueFactory = _ => (6891, 6900),
        CustomParser = r =>
        {
            var text = r.Tokens[0].Value;
            var parts = text.Split('-');
            if (parts.Length is 1 or 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                && first <= last && last <= 65535 && (first > 0 || last == 0))
            {
                return (first, last);
            }

            r.AddError($"--port must be a port or FIRST-LAST range within 1-65535 (or 0), got '{text}'.");
            return default;
        },
    };

    private readonly Option<double> _stall = new("--stall-timeout")
    {
        Description = "Give up on a transfer that moves no data for this many seconds.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => 30,
    };

    public TransferOptions()
    {
        _stall.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > int.MaxValue / 1000)
            {
                r.AddError("--stall-timeout must be a positive number of seconds.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_advertise);
        command.Options.Add(_listen);
        command.Options.Add(_ports);
        command.Options.Add(_stall);
    }

    public FileTransferOptions ToOptions(ParseResult parse)
    {
        var (first, last) = parse.GetValue(_ports);
        return new FileTransferOptions
        {
            AdvertiseAddress = parse.GetValue(_advertise),
            ListenAddress = parse.GetValue(_listen) ?? IPAddress.Any,
            ListenPortStart = first,
            ListenPortEnd = last,
            StallTimeout = TimeSpan.FromSeconds(parse.GetValue(_stall)),
        };
    }

    private static IPAddress? ParseAddress(string name, string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return address;
        }

        result.AddError($"{name} must be an IP address such as 192.168.1.5, got '{text}'.");
        return null;
    }
}
