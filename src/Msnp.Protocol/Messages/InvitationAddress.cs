namespace Msnp.Protocol.Messages;

/// <summary>
/// Where the listening side of a file transfer waits, as carried in its <c>ACCEPT</c>: the public
/// address and port, the MSNFTP auth cookie, and optionally a LAN address and extra ports.
/// </summary>
/// <param name="IPAddress">The address the other side connects to.</param>
/// <param name="Port">The listening port (the official client uses 6891–6900).</param>
/// <param name="AuthCookie">The cookie the connecting side repeats in MSNFTP <c>USR</c>.</param>
/// <param name="IPAddressInternal">An optional second (LAN) address.</param>
/// <param name="PortX">An optional extra port.</param>
/// <param name="PortXInternal">An optional extra port on the LAN address.</param>
public sealed record InvitationAddress(
    string IPAddress,
    int Port,
    string AuthCookie,
    string? IPAddressInternal = null,
    int? PortX = null,
    int? PortXInternal = null);
