namespace Msnp.Server.Login;

/// <summary>
/// The policy document of the unsolicited <c>GCF 0 len</c> that MSNP13+ clients get during sign-in
/// (before <c>USR … SSO S MBI_KEY_OLD</c>). Clients store it and read the <c>SHIELDS</c> policy
/// (which client versions are refused; ours refuses none); nothing in sign-in depends on the rest.
/// One line with no whitespace between elements, like every XML payload we send.
/// </summary>
internal static class SignInPolicies
{
    /// <summary>The payload bytes (UTF-8).</summary>
    public static ReadOnlySpan<byte> Document =>
        "<Policies><Policy type=\"SHIELDS\"><config><shield><cli maj=\"7\" min=\"0\" minbld=\"0\" maxbld=\"9999\" deny=\" \"/></shield><block></block></config></Policy></Policies>"u8;
}
