using Msnp.Server.Hosting;

namespace Msnp.Server.Dispatch;

/// <summary>This node's own notification server, for every sign-in.</summary>
public sealed class LocalNotificationServer(MsnpServerOptions options, ServerEndpoints endpoints) : INotificationServerChooser
{
    /// <inheritdoc/>
    public string Choose() => $"{options.EffectivePublicHost}:{endpoints.NotificationPort}";
}
