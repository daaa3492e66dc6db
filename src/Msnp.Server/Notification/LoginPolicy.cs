namespace Msnp.Server.Notification;

/// <summary>
/// The policy document an MSNP13+ server sends unsolicited as <c>GCF 0 len</c> before <c>USR … S</c>
/// (TWN at MSNP13–14, SSO from MSNP15): the Shields policy (no client denied, nothing blocked), as
/// escargot's <c>SHIELDS_MSNP13</c> carries it. Clients store it; none was seen to fail without the rest.
/// </summary>
internal static class LoginPolicy
{
    /// <summary>The document, UTF-8.</summary>
    public static ReadOnlyMemory<byte> Document { get; } =
        """<Policies><Policy type="SHIELDS" checksum="D9705A71BA841CB38955822E048970C3"><config><shield><cli maj="7" min="0" minbld="0" maxbld="9999" deny=" " /></shield><block></block></config></Policy></Policies>"""u8.ToArray();
}
