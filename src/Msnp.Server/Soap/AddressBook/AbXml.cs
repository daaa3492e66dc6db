using System.Xml.Linq;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>Reading request elements by local name (clients declare the namespace on different elements, or not at all).</summary>
internal static class AbXml
{
    /// <summary>The first child with this local name.</summary>
    public static XElement? Child(this XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>Follows a path of local names (<c>groupFilter/groupIds/guid</c>).</summary>
    public static XElement? Path(this XElement? element, string path)
    {
        foreach (var part in path.Split('/'))
        {
            element = element.Child(part);
        }

        return element;
    }

    /// <summary>Every child with this local name.</summary>
    public static IEnumerable<XElement> Children(this XElement? element, string name) =>
        element?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    /// <summary>The trimmed text of the element at <paramref name="path"/>, or null.</summary>
    public static string? Text(this XElement? element, string path) => element.Path(path)?.Value.Trim();

    /// <summary>xsd:boolean: <c>true</c> or <c>1</c>.</summary>
    public static bool Flag(this XElement? element, string path) => element.Text(path) is "true" or "1";

    /// <summary>A GUID in any of .NET's text forms, or null.</summary>
    public static Guid? GuidAt(this XElement? element, string path) =>
        Guid.TryParse(element.Text(path), out var guid) ? guid : null;
}
