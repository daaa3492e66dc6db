using System.Xml;
using System.Xml.Linq;
using Msnp.Protocol.Auth.Passport;

namespace Msnp.Client.AddressBook;

/// <summary>Reads a service's reply without trusting it: bounded, no DTD, elements by local name.</summary>
internal static class AbReply
{
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>The response element inside <c>Body</c>; throws <see cref="AddressBookException"/> for a fault or unreadable XML.</summary>
    public static XElement Read(byte[] body, int status, string action)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body, writable: false), RstSoap.CreateReaderSettings(MaxBytes));
            root = XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new AddressBookException($"{action}: the reply is not XML (HTTP {status}): {ex.Message}", status: status);
        }

        var content = root.Child("Body")?.Elements().FirstOrDefault();
        if (content is null)
        {
            throw new AddressBookException($"{action}: the reply has no body (HTTP {status}).", status: status);
        }

        if (content.Name.LocalName == "Fault")
        {
            var code = content.Child("faultcode")?.Value.Trim();
            var text = content.Child("faultstring")?.Value.Trim();
            var error = content.Child("detail").Child("errorcode")?.Value.Trim();
            throw new AddressBookException($"{action} failed: {text} ({error ?? code})", code, error, status);
        }

        if (status != 200 || content.Name.LocalName != action + "Response")
        {
            throw new AddressBookException($"{action}: unexpected reply {content.Name.LocalName} (HTTP {status}).", status: status);
        }

        return content;
    }

    public static XElement? Child(this XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static IEnumerable<XElement> Children(this XElement? element, string name) =>
        element?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    public static string? Text(this XElement? element, params string[] path)
    {
        foreach (var part in path)
        {
            element = element.Child(part);
        }

        return element?.Value.Trim();
    }
}
