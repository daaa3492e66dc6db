using System.Collections.Frozen;
using System.Xml;

namespace Msnp.Server.Soap;

/// <summary>
/// One web service: the path it is served at, its action table, the namespace of its
/// <c>SOAPAction</c> values and faults, its limits, and how its response header and its ticket are found.
/// </summary>
public sealed class SoapService
{
    /// <summary>Creates a service over its actions; names must be distinct.</summary>
    /// <param name="path">The path, e.g. <c>/abservice/abservice.asmx</c> (matched without regard to case, also with a doubled leading slash).</param>
    /// <param name="actionNamespace">The base of the <c>SOAPAction</c> values, also written in fault actors.</param>
    /// <param name="actions">The action table.</param>
    public SoapService(string path, string actionNamespace, IEnumerable<ISoapAction> actions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(actionNamespace);
        ArgumentNullException.ThrowIfNull(actions);
        Path = path;
        ActionNamespace = actionNamespace;
        Actions = actions.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The path served.</summary>
    public string Path { get; }

    /// <summary>The base of the <c>SOAPAction</c> values (<c>http://www.msn.com/webservices/AddressBook</c>).</summary>
    public string ActionNamespace { get; }

    /// <summary>The namespace of the fault's <c>detail</c> elements; the action namespace unless set.</summary>
    public string? DetailNamespace { get; init; }

    /// <summary>Actions by name.</summary>
    public FrozenDictionary<string, ISoapAction> Actions { get; }

    /// <summary>The request bounds.</summary>
    public SoapLimits Limits { get; init; } = SoapLimits.Default;

    /// <summary>Writes the response header of a successful call (the address book's <c>ServiceHeader</c>); none when null.</summary>
    public Action<XmlWriter, SoapCall>? ResponseHeader { get; init; }

    /// <summary>
    /// Turns the authentication refusal (<see cref="SoapFault.AuthenticationFailed"/>,
    /// <see cref="SoapFault.TicketExpired"/>) into the fault this service's clients act on; unchanged when null.
    /// </summary>
    public Func<SoapFault, SoapFault>? RefusalFault { get; init; }

    /// <summary>The fault for a request over its rate (<see cref="SoapRequestRate"/>); <see cref="SoapFault.Throttled"/> unless set.</summary>
    public Func<SoapFault> ThrottleFault { get; init; } = SoapFault.Throttled;

    /// <summary>
    /// Finds the ticket in a request; by default <c>TicketToken</c> anywhere in the header, then the
    /// <c>MSPAuth</c> cookie (<see cref="SoapTickets.Find"/>).
    /// </summary>
    public Func<SoapEnvelope, Microsoft.AspNetCore.Http.HttpRequest, string?> FindTicket { get; init; } = SoapTickets.Find;
}
