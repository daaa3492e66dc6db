using System.Xml.Linq;

namespace Msnp.Server.Soap;

/// <summary>A request envelope that passed the bounded reader: its header (if any) and the one action element of its body.</summary>
/// <param name="Header">The <c>soap:Header</c> element, or null when there is none.</param>
/// <param name="Action">The first element inside <c>soap:Body</c>; its local name is the action.</param>
public sealed record SoapEnvelope(XElement? Header, XElement Action)
{
    /// <summary>The action's local name (<c>ABFindAll</c>, <c>FindMembership</c>, …).</summary>
    public string ActionName => Action.Name.LocalName;
}
