namespace Msnp.Server.Gateway;

/// <summary>
/// Marks a connection that runs over the HTTP gateway, so sessions can apply the gateway's rules
/// (profile <c>ClientPort</c> 0, <c>PNG</c> refused) without knowing about HTTP.
/// </summary>
public interface IHttpGatewayFeature
{
}
