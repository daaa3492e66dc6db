using Msnp.Server.Soap;

namespace Msnp.Server.Oim;

/// <summary>
/// The faults of the sending service as the official one sent them (escargot's templates; Pidgin
/// <c>msn_oim_send_read_cb</c> switches on the codes): the <c>q0:</c> prefix bound to the service
/// namespace, an ASP.NET <c>faultstring</c>, and a detail that is empty unless it carries a challenge.
/// </summary>
internal static class OimFaults
{
    private const string Exception = "Exception of type 'System.Web.Services.Protocols.SoapException' was thrown.";

    /// <summary>
    /// No lock key, or a wrong one: the detail carries the challenge to answer. Pidgin answers it and
    /// sends the message again.
    /// </summary>
    public static SoapFault LockKeyChallenge(string ns, string challenge) => new("q0:AuthenticationFailed", Exception)
    {
        CodeNamespace = ns,
        WithActor = false,
        Detail = w =>
        {
            w.WriteElementString("TweenerChallenge", ns, "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1");
            w.WriteElementString("LockKeyChallenge", ns, challenge);
        },
    };

    /// <summary>
    /// No ticket, or one that does not verify or has expired: <c>RequiredAuthPolicy</c> tells Pidgin to
    /// fetch a new <c>messengersecure.live.com</c> token and send again (<c>msn_oim_request_cb</c>).
    /// </summary>
    public static SoapFault TicketRefused(string ns) => new("q0:AuthenticationFailed", Exception)
    {
        CodeNamespace = ns,
        WithActor = false,
        Detail = w =>
        {
            w.WriteElementString("TweenerChallenge", ns, "ct=1,rver=1,wp=FS_40SEC_0_COMPACT,lc=1,id=1");
            w.WriteElementString("RequiredAuthPolicy", ns, "MBI_SSL");
        },
    };

    /// <summary>The recipient does not exist, does not allow the sender, or holds as many messages as it may; or <c>From</c> is not the ticket's account.</summary>
    public static SoapFault SystemUnavailable(string ns) => Plain("q0:SystemUnavailable", ns);

    /// <summary>The sender is over its rate.</summary>
    public static SoapFault SenderThrottled(string ns) => Plain("q0:SenderThrottleLimitExceeded", ns);

    /// <summary>The content is not the expected MIME text, the sequence numbers disagree, or the text is too long.</summary>
    public static SoapFault InvalidContent(string ns) => Plain("q0:InvalidContent", ns);

    private static SoapFault Plain(string code, string ns) => new(code, Exception) { CodeNamespace = ns, WithActor = false, Detail = static _ => { } };
}
