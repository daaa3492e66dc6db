namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// Which address book a request names: <c>abId</c> (WLM 8.x, Pidgin, BitlBee) or
/// <c>abHandle/ABId</c> (WLM 2009's circle-era actions). Each account has exactly one, its own,
/// named by the zero GUID or by nothing; any other id is a circle's, and this server keeps none.
/// </summary>
internal static class AbHandle
{
    /// <summary>True when the request names the caller's own address book (or none).</summary>
    public static bool IsOwn(System.Xml.Linq.XElement action)
    {
        var text = action.Text("abId") ?? action.Text("abHandle/ABId") ?? action.Text("ABId");
        return string.IsNullOrEmpty(text) || (Guid.TryParse(text, out var id) && id == Guid.Empty);
    }
}
