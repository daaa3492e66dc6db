using Msnp.Server.Soap;

namespace Msnp.Server.Tests.Soap;

/// <summary>A service for the infrastructure tests: one action that answers with the authenticated account.</summary>
internal static class WhoAmIService
{
    public const string Path = "/test/whoami.asmx";
    public const string Action = "http://www.msn.com/webservices/AddressBook/WhoAmI";

    public static SoapService Create() => new(Path, Msnp.Server.Soap.SoapNamespaces.AddressBook, [new WhoAmI()]);

    public static string Envelope(string? ticket, string extraBody = "") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><ABAuthHeader xmlns="http://www.msn.com/webservices/AddressBook"><ManagedGroupRequest>false</ManagedGroupRequest>{(ticket is null ? "" : $"<TicketToken>{System.Security.SecurityElement.Escape(ticket)}</TicketToken>")}</ABAuthHeader></soap:Header><soap:Body><WhoAmI xmlns="http://www.msn.com/webservices/AddressBook">{extraBody}</WhoAmI></soap:Body></soap:Envelope>
        """;

    private sealed class WhoAmI : ISoapAction
    {
        public string Name => "WhoAmI";

        public ValueTask<SoapResult> HandleAsync(SoapCall call) => ValueTask.FromResult(SoapResult.Ok(w =>
        {
            w.WriteStartElement("WhoAmIResponse", Msnp.Server.Soap.SoapNamespaces.AddressBook);
            w.WriteElementString("account", Msnp.Server.Soap.SoapNamespaces.AddressBook, call.Account);
            w.WriteEndElement();
        }));
    }
}
