using System.Buffers;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

// Login stage and redirects (catalogue §3.1, §5.1–5.3).
public abstract partial class DialectWriter
{
    /// <summary><c>VER TrID MSNPn … {CVR0}</c>, or <c>VER TrID 0</c> when nothing is shared.</summary>
    public virtual void WriteVersionReply(IBufferWriter<byte> output, uint trId, VersionNegotiation.Outcome outcome)
    {
        var line = Line(output, CommandCodes.Ver, trId);
        foreach (var token in outcome.ReplyParameters())
        {
            line.Token(token);
        }

        line.End();
    }

    /// <summary><c>INF TrID MD5</c>: the only security package offered (MSNP2–7; MSNP2's clear-text CTP is not).</summary>
    public virtual void WriteSecurityPackages(IBufferWriter<byte> output, uint trId)
    {
        Require(Dialect.HasInf, "INF");
        var line = Line(output, CommandCodes.Inf, trId);
        line.Token("MD5"u8);
        line.End();
    }

    /// <summary><c>CVR TrID recommended recommended2 minimum downloadURL infoURL</c>.</summary>
    public virtual void WriteClientVersionReply(IBufferWriter<byte> output, uint trId, ClientVersionAdvice advice)
    {
        ArgumentNullException.ThrowIfNull(advice);
        var line = Line(output, CommandCodes.Cvr, trId);
        line.Token(advice.Recommended);
        line.Token(advice.RecommendedAgain);
        line.Token(advice.Minimum);
        line.Token(advice.DownloadUrl);
        line.Token(advice.InfoUrl);
        line.End();
    }

    /// <summary>
    /// <c>USR TrID MD5 S challenge</c> (MSNP2–7) or <c>USR TrID TWN S challengeString</c> (MSNP8+):
    /// the answer to the initial <c>USR … I</c>.
    /// </summary>
    public virtual void WriteAuthenticationChallenge(IBufferWriter<byte> output, uint trId, string challenge)
    {
        var line = Line(output, CommandCodes.Usr, trId);
        line.Token(Dialect.Authentication.WireName());
        line.Token("S"u8);
        line.Token(challenge);
        line.End();
    }

    /// <summary>
    /// <c>USR TrID SSO S policy nonce</c> (MSNP15+): the token-service policy the client names for its
    /// <c>messengerclear.live.com</c> token (<c>MBI_KEY_OLD</c>) and the nonce its MBI key blob encrypts.
    /// </summary>
    public virtual void WriteSingleSignOnChallenge(IBufferWriter<byte> output, uint trId, string policy, string nonce)
    {
        var line = Line(output, CommandCodes.Usr, trId);
        line.Token("SSO"u8);
        line.Token("S"u8);
        line.Token(policy);
        line.Token(nonce);
        line.End();
    }

    /// <summary><c>GCF 0 length</c> and the policy document, sent before the SSO challenge (MSNP13+).</summary>
    public virtual void WriteSignInPolicies(IBufferWriter<byte> output, ReadOnlySpan<byte> policies) =>
        MsnpWriter.WritePayloadCommand(output, CommandCodes.Gcf, 0, [], policies);

    /// <summary>
    /// <c>USR TrID OK account friendlyName</c>, plus the verified flag from MSNP6 and the
    /// restricted ("kid") flag from MSNP8: the end of the login stage. From MSNP10 the name is
    /// left out (<c>USR TrID OK account 1 0</c>); it comes as <c>PRP MFN</c> in the sync.
    /// </summary>
    public virtual void WriteAuthenticated(IBufferWriter<byte> output, uint trId, string account, string friendlyName, bool verified, bool restricted)
    {
        var line = Line(output, CommandCodes.Usr, trId);
        line.Token("OK"u8);
        line.Token(account);
        if (Dialect.UsrOkHasFriendlyName)
        {
            line.Token(friendlyName);
        }

        if (Dialect.UsrOkHasVerifiedFlag)
        {
            line.Number(verified ? 1 : 0);
        }

        if (Dialect.UsrOkHasRestrictedFlag)
        {
            line.Number(restricted ? 1 : 0);
        }

        line.End();
    }

    /// <summary>
    /// <c>XFR TrID NS host:port</c> (MSNP2), <c>… 0</c> (MSNP3–6), <c>… 0 currentHost:port</c> (MSNP7+):
    /// sends the client to a notification server; the connection is closed after it.
    /// </summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="trId">The TrID of the <c>USR</c> being redirected.</param>
    /// <param name="notificationServer">The notification server's <c>host:port</c>.</param>
    /// <param name="currentServer">The <c>host:port</c> of the server writing the line (used from MSNP7).</param>
    public virtual void WriteNotificationTransfer(IBufferWriter<byte> output, uint trId, string notificationServer, string currentServer)
    {
        var line = Line(output, CommandCodes.Xfr, trId);
        line.Token("NS"u8);
        line.Token(notificationServer);
        if (Dialect.XfrNsParameterCount >= 3)
        {
            line.Token("0"u8);
        }

        if (Dialect.XfrNsParameterCount >= 4)
        {
            line.Token(currentServer);
        }

        line.End();
    }

    /// <summary><c>OUT</c> or <c>OUT OTH</c> / <c>OUT SSD</c>: the server ends the session and closes the connection.</summary>
    public virtual void WriteSignOut(IBufferWriter<byte> output, SignOutReason? reason)
    {
        var line = Line(output, CommandCodes.Out, null);
        switch (reason)
        {
            case null:
                break;
            case SignOutReason.OtherSession:
                line.Token("OTH"u8);
                break;
            case SignOutReason.ServerShutdown:
                line.Token("SSD"u8);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a sign-out reason.");
        }

        line.End();
    }
}
