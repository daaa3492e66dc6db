using System.CommandLine;

namespace Msnp.Cli.Options;

/// <summary><c>msnp serve</c>'s admin listener switches: <c>--admin-port</c>, <c>--admin-bind</c>, <c>--admin-tls</c>, <c>--no-admin</c>.</summary>
internal sealed class AdminOptions
{
    private readonly Option<int> _port;
    private readonly Option<string> _bind;
    private readonly Option<bool> _tls;
    private readonly Option<bool> _off;

    private AdminOptions(Option<int> port, Option<string> bind, Option<bool> tls, Option<bool> off)
    {
        _port = port;
        _bind = bind;
        _tls = tls;
        _off = off;
    }

    public static AdminOptions Create(Server.Admin.AdminOptions defaults) => new(
        new Option<int>("--admin-port") { Description = "Admin listener port: web console, msnp admin API, /health, /metrics (0 picks a free port).", DefaultValueFactory = _ => defaults.Port },
        new Option<string>("--admin-bind") { Description = "Address the admin listener binds to; anything but loopback needs --admin-tls.", DefaultValueFactory = _ => defaults.BindAddress },
        new Option<bool>("--admin-tls") { Description = "Serve the admin listener over HTTPS with the server's certificate." },
        new Option<bool>("--no-admin") { Description = "Do not start the admin listener." });

    public void AddTo(Command command)
    {
        command.Options.Add(_port);
        command.Options.Add(_bind);
        command.Options.Add(_tls);
        command.Options.Add(_off);
    }

    /// <summary>Switches given on the command line win; the listener is on unless --no-admin or Msnp:Admin:Enabled=false.</summary>
    public void Apply(ParseResult parse, Server.Admin.AdminOptions admin)
    {
        if (parse.GetValue(_off))
        {
            admin.Enabled = false;
        }
        else
        {
            admin.Enabled ??= true;
        }

        if (parse.GetResult(_port) is { Implicit: false })
        {
            admin.Port = parse.GetValue(_port);
        }

        if (parse.GetResult(_bind) is { Implicit: false })
        {
            admin.BindAddress = parse.GetValue(_bind)!;
        }

        if (parse.GetValue(_tls))
        {
            admin.UseTls = true;
        }
    }
}
