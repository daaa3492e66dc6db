using Msnp.Server.Hosting;

namespace Msnp.Server.Presence;

/// <summary>
/// This node as other nodes address it: its id (stamped on every endpoint it holds) and the
/// public <c>host:port</c> of its switchboard, written into <c>XFR SB</c> and <c>RNG</c>.
/// </summary>
public sealed class LocalNode(MsnpServerOptions options, ServerEndpoints endpoints)
{
    /// <summary>The node's id; a single node needs nothing more than its machine name.</summary>
    public string Id { get; init; } = Environment.MachineName;

    /// <summary>The switchboard's public address (the bound port once the listeners are up).</summary>
    public string SwitchboardAddress => $"{options.EffectivePublicHost}:{endpoints.SwitchboardPort}";
}
