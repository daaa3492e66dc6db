namespace Msnp.Server.Gateway;

/// <summary>
/// Marks a connection that runs over the HTTP gateway, so sessions can apply the gateway's rules
/// (profile <c>ClientPort</c> 0, <c>PNG</c> refused) without knowing about HTTP. The gateway counts
/// such connections with the <c>ConnectionLimiter</c> itself (so a refusal is an HTTP 503), and the
/// connection handler does not count them again.
/// </summary>
public interface IHttpGatewayFeature
{
}
