using System.Text;
using System.Xml.Linq;
using Msnp.Server.Passport;
using Msnp.Server.Soap;
using Msnp.Server.Soap.AddressBook;

namespace Msnp.Fuzz;

/// <summary>
/// The web services' request side. Byte 0 mod 3 picks: the bounded envelope reader (with the
/// default limits, or tight ones when bit 2 is set), the ticket readers the authentication uses,
/// and the address book's stamp and membership-id parsers.
/// </summary>
internal sealed class SoapTarget : IFuzzTarget
{
    private static readonly SoapLimits Tight = new() { MaxRequestBytes = 4096, MaxDepth = 8, MaxElements = 64 };
    private static readonly TicketService Tickets = new(new byte[32], TimeSpan.FromHours(1), TimeProvider.System);

    public void Run(byte[] input)
    {
        if (input.Length < 1)
        {
            return;
        }

        var data = input.AsSpan(1);
        switch (input[0] % 3)
        {
            case 0: Envelope(data, (input[0] & 4) != 0 ? Tight : SoapLimits.Default); break;
            case 1: Ticket(Encoding.UTF8.GetString(data)); break;
            default: Stamps(Encoding.UTF8.GetString(data)); break;
        }
    }

    // An accepted envelope has an action within the bounds, and what the writer makes of that action reads back the same.
    private static void Envelope(ReadOnlySpan<byte> body, SoapLimits limits)
    {
        var envelope = SoapEnvelopeReader.TryRead(body, limits);
        if (envelope is null)
        {
            return;
        }

        Invariant.Check(body.Length <= limits.MaxRequestBytes, "an oversized body was read");
        Invariant.Check(Depth(envelope.Action) <= limits.MaxDepth, "an envelope deeper than the limit was read");
        Invariant.Check(envelope.Action.DescendantsAndSelf().Count() <= limits.MaxElements, "more elements than the limit were read");
        _ = SoapTickets.Find(envelope, new Microsoft.AspNetCore.Http.DefaultHttpContext().Request);

        var written = SoapWriter.Envelope(null, w => envelope.Action.WriteTo(w));
        var roomy = new SoapLimits { MaxRequestBytes = written.Length + 1, MaxDepth = limits.MaxDepth + 1, MaxElements = limits.MaxElements };
        var again = SoapEnvelopeReader.TryRead(written, roomy);
        Invariant.Check(again is not null, "a written envelope does not read back");
        Invariant.Check(again.Action.Name == envelope.Action.Name, "the action changed on the way through the writer");
        Invariant.Check(XNode.DeepEquals(Normalised(again.Action), Normalised(envelope.Action)), "the action's content changed on the way through the writer");
    }

    private static int Depth(XElement element) => element.AncestorsAndSelf().Count() + (element.Descendants().Select(d => d.Ancestors().Count() - element.Ancestors().Count()).DefaultIfEmpty(0).Max());

    // Namespace declarations may move; names, attributes and text must not.
    private static XElement Normalised(XElement element) => new(element.Name,
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).OrderBy(a => a.Name.ToString(), StringComparer.Ordinal),
        element.Nodes().Select(n => n is XElement e ? Normalised(e) : n));

    private static void Ticket(string text)
    {
        var account = Tickets.ReadAccount(text);
        Invariant.Check(account is null || Encoding.UTF8.GetByteCount(account) <= TicketService.MaxAccountBytes, "a ticket named an over-long account");
        var result = Tickets.ValidateAuthCookie(text, account ?? "a@b.c", []);
        Invariant.Check(result != TicketValidation.Valid, "a ticket not signed with the key was accepted");
    }

    private static void Stamps(string text)
    {
        if (AbTime.VersionOf(text) is { } version)
        {
            Invariant.Check(AbTime.VersionOf(AbTime.Of(version)) == version, "a stamp does not read back as its version");
        }

        var (number, _) = MembershipId.Parse(text);
        Invariant.Check(number is null or >= 0, "a negative membership id was read");
    }
}
