using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Data.Sqlite;
using Msnp.Server.Hosting;

namespace Msnp.Cli;

/// <summary>
/// Turns the expected ways a server or store fails to start (port taken, bad address, unreadable or
/// corrupt database, no permission) into one line naming the file, port or value and the fix; null
/// for anything else, which is then reported as unexpected.
/// </summary>
internal static class StartFailure
{
    public static string? Describe(Exception e, MsnpServerOptions? options) => e switch
    {
        Msnp.Server.Storage.DatabaseUnavailableException => e.Message,
        IOException { InnerException: AddressInUseException } => PortInUse(e, options),
        AddressInUseException => PortInUse(e, options),
        IOException { InnerException: SocketException socket } => $"cannot listen on {options?.BindAddress}: {socket.Message}. Use an address of this machine (--bind 127.0.0.1).",
        SqliteException sqlite => Database(sqlite, options?.DataDirectory ?? DataOption.Default),
        UnauthorizedAccessException denied => Permission(denied, options?.DataDirectory ?? DataOption.Default),
        FormatException or InvalidOperationException => e.Message,
        IOException => e.Message,
        _ => null,
    };

    /// <summary>A store that cannot be opened, in words: which file, what is wrong, what to do.</summary>
    public static string Database(SqliteException e, string dataDirectory)
    {
        var file = Path.Combine(Path.GetFullPath(dataDirectory), "msnp.db");
        return e.SqliteErrorCode switch
        {
            26 => $"{file} is not a database (damaged or not ours). Move it away to start with an empty store, or restore a backup.",
            11 => $"{file} is damaged ({e.Message}). Restore a backup, or move it away to start with an empty store.",
            8 => $"{file} is read-only for this user. Fix the file's permissions or run as its owner.",
            14 => $"cannot open {file}. Check that {Path.GetDirectoryName(file)} exists and this user may read and write it.",
            5 => $"{file} is locked by another process for too long. Try again.",
            _ => $"cannot use {file}: {e.Message}",
        };
    }

    /// <summary>
    /// A file or folder this user may not use: a new file that cannot be created means the folder is
    /// not writable; an existing one belongs to another user or is read-only.
    /// </summary>
    public static string Permission(UnauthorizedAccessException e, string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        var quoted = System.Text.RegularExpressions.Regex.Match(e.Message, "'(?<path>[^']+)'");
        var path = quoted.Success ? quoted.Groups["path"].Value : null;
        var user = Environment.UserName;
        if (path is null || !Path.Exists(path) || Path.GetFileName(path).EndsWith(".tmp", StringComparison.Ordinal))
        {
            var folder = path is null ? directory : Path.GetDirectoryName(path) ?? directory;
            return $"cannot create files in {folder}: this user ({user}) may not write there. Make it writable for {user} (chown, chmod), run as its owner, or choose another directory with --data.";
        }

        return $"{path} may not be read or written by this user ({user}): it belongs to another user or is read-only. Run as its owner or fix its permissions (chown, chmod).";
    }

    private static string PortInUse(Exception e, MsnpServerOptions? o)
    {
        if (o is null)
        {
            return e.Message;
        }

        // Kestrel names the endpoint in the outer message ("Failed to bind to address http://127.0.0.1:1863 …");
        // the port is the last ":digits", since an IPv6 address ("[::1]:1863") has colons of its own.
        var bound = System.Text.RegularExpressions.Regex.Match(e.Message, @":(\d+)\b", System.Text.RegularExpressions.RegexOptions.RightToLeft);
        var message = bound.Success ? bound.Value : e.Message;
        foreach (var (port, option) in new[]
        {
            (o.DispatchPort, "--dispatch-port"), (o.NotificationPort, "--notification-port"), (o.SwitchboardPort, "--switchboard-port"),
            (o.HttpPort, "--http-port"), (o.HttpsPort, "--https-port"), (o.Admin.Port, "--admin-port"),
        })
        {
            if (port != 0 && message == $":{port}")
            {
                return $"port {port} on {o.BindAddress} is already in use (another msnp serve?). Stop that process or choose another {option} (0 picks a free port).";
            }
        }

        return $"an address is already in use ({message}). Stop the other process or choose other ports (0 picks a free port).";
    }
}
