using System.Globalization;

namespace Msnp.Protocol.Messages;

/// <summary>
/// Builds a profile field by field, in the order given (servers write <c>LoginTime</c> first and
/// the sign-on and address fields last, as the official server did).
/// </summary>
public sealed class ProfileMessageBuilder
{
    private readonly List<MimeHeader> _fields = [];

    /// <summary>Adds any field.</summary>
    public ProfileMessageBuilder Add(string name, string value)
    {
        _fields.Add(new MimeHeader(name, value));
        return this;
    }

    /// <summary>Adds <c>LoginTime</c> in Unix seconds.</summary>
    public ProfileMessageBuilder LoginTime(long unixSeconds) => Add("LoginTime", unixSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds <c>LoginTime</c> from a date.</summary>
    public ProfileMessageBuilder LoginTime(DateTimeOffset time) => LoginTime(time.ToUnixTimeSeconds());

    /// <summary>Adds <c>sid</c>.</summary>
    public ProfileMessageBuilder Sid(string sid) => Add("sid", sid);

    /// <summary>Adds <c>kv</c>.</summary>
    public ProfileMessageBuilder Kv(string kv) => Add("kv", kv);

    /// <summary>Adds <c>MSPAuth</c>.</summary>
    public ProfileMessageBuilder MspAuth(string token) => Add("MSPAuth", token);

    /// <summary>Adds <c>ClientIP</c>.</summary>
    public ProfileMessageBuilder ClientIP(string address) => Add("ClientIP", address);

    /// <summary>Adds <c>ClientPort</c> for the real <paramref name="port"/>, byte-swapped as clients expect.</summary>
    public ProfileMessageBuilder ClientPort(int port) => Add("ClientPort", ProfilePort.Encode(port).ToString(CultureInfo.InvariantCulture));

    /// <summary>The profile; validates the fields.</summary>
    public ProfileMessage Build() => new(new MimeHeaderList(_fields));
}
