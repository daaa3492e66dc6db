namespace Msnp.Benchmarks.Traffic;

/// <summary>A contact as presence lines show it: account, URL-encoded friendly name, MSNP8 client id.</summary>
internal sealed record Contact(string Account, string FriendlyName, string ClientId)
{
    /// <summary>A small contact list with the name shapes seen on the wire (plain, encoded spaces, encoded UTF-8).</summary>
    public static IReadOnlyList<Contact> Pool { get; } =
    [
        new("bob@example.com", "Bob%20Smith", "268435492"),
        new("alice@example.com", "Alice", "268435456"),
        new("carol.jones@hotmail.com", "Carol%20%E2%99%A5%20is%20away%20till%20monday", "268435492"),
        new("dave_1979@msn.com", "dave", "268435508"),
        new("erin@example.org", "Erin%20%28work%29", "0"),
        new("frank.o@hotmail.com", "%5BFrank%5D%20listening%20to%20music", "268435492"),
        new("grace@example.com", "Grace%20H.", "268435460"),
        new("heidi@passport.com", "Heidi", "268435456"),
    ];
}
