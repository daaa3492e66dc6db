using System.CommandLine;
using Msnp.Protocol.Framing;

namespace Msnp.Cli.Options;

/// <summary>
/// The <c>--from client|server</c> option: which side wrote the bytes, because the command tables
/// differ per direction (a client's <c>MSG</c> carries a TrID, a server's carries the sender).
/// </summary>
internal static class DirectionOption
{
    public const string Client = "client";
    public const string Server = "server";

    public static Option<string> Create(string defaultSide)
    {
        var option = new Option<string>("--from")
        {
            Description = "Who wrote the bytes: the client (read by a server) or the server (read by a client).",
            DefaultValueFactory = _ => defaultSide,
        };
        option.AcceptOnlyFromAmong(Client, Server);
        return option;
    }

    /// <summary>The framing direction for a validated option value.</summary>
    public static FrameDirection ToDirection(string side) =>
        side == Client ? FrameDirection.ClientToServer : FrameDirection.ServerToClient;
}
