namespace Msnp.Server.Soap.AddressBook;

/// <summary>Responses with nothing in them (<c>&lt;ABContactDeleteResponse/&gt;</c> and the like).</summary>
internal static class AbEmpty
{
    public static SoapResult Response(string action) =>
        SoapResult.Ok(w => { w.WriteStartElement(action + "Response", SoapNamespaces.AddressBook); w.WriteEndElement(); });

    /// <summary><c>&lt;XResponse&gt;&lt;XResult&gt;&lt;guid&gt;…&lt;/guid&gt;&lt;/XResult&gt;&lt;/XResponse&gt;</c>, which Pidgin and BitlBee read the new id from.</summary>
    public static SoapResult Guid(string action, Guid guid) => SoapResult.Ok(w =>
    {
        w.WriteStartElement(action + "Response", SoapNamespaces.AddressBook);
        w.WriteStartElement(action + "Result", SoapNamespaces.AddressBook);
        w.WriteElementString("guid", SoapNamespaces.AddressBook, guid.ToString());
        w.WriteEndElement();
        w.WriteEndElement();
    });
}
