using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Xml;

namespace Msnp.Protocol.Messages;

/// <summary>
/// The personal status of MSNP11+: the XML document <c>&lt;Data&gt;&lt;PSM&gt;…&lt;/PSM&gt;&lt;CurrentMedia&gt;…&lt;/CurrentMedia&gt;&lt;/Data&gt;</c>
/// a client sends with <c>UUX</c> and the server pushes to watchers with <c>UBX</c>.
/// Reading is bounded (size, depth, field length) and refuses DTDs, so no entity is ever expanded;
/// elements this library does not know (MSNP16's endpoint data and later) are skipped.
/// </summary>
/// <param name="PersonalMessage">The personal message, plain text (empty when none).</param>
/// <param name="CurrentMedia">The "now playing" string, e.g. <c>\0Music\01\0{0} - {1}\0Title\0Artist\0\0</c> (empty when none).</param>
public sealed record PersonalStatus(string PersonalMessage, string CurrentMedia)
{
    /// <summary>No message and no media.</summary>
    public static PersonalStatus Empty { get; } = new(string.Empty, string.Empty);

    /// <summary>The client's machine GUID, which MSN 7.5 adds to its <c>UUX</c> (null when absent); never sent to watchers.</summary>
    public string? MachineGuid { get; init; }

    /// <summary>The display picture's MSNObject shown while the contact is away from the keyboard (WLM 2009 <c>DDP</c>), null when not sent.</summary>
    public string? Ddp { get; init; }

    /// <summary>The sound played when the contact signs in (WLM 2009 <c>SignatureSound</c>), null when not sent.</summary>
    public string? SignatureSound { get; init; }

    /// <summary>The conversation scene's MSNObject (WLM 2009 <c>Scene</c>), null when not sent.</summary>
    public string? Scene { get; init; }

    /// <summary>The colour scheme, a signed ARGB number (WLM 2009 <c>ColorScheme</c>), null when not sent.</summary>
    public string? ColorScheme { get; init; }

    /// <summary>True when there is neither a message nor media nor any of WLM 2009's fields.</summary>
    public bool IsEmpty => PersonalMessage.Length == 0 && CurrentMedia.Length == 0
        && string.IsNullOrEmpty(Ddp) && string.IsNullOrEmpty(SignatureSound) && string.IsNullOrEmpty(Scene) && string.IsNullOrEmpty(ColorScheme);

    /// <summary>
    /// The document as watchers receive it in <c>UBX</c>: <c>PSM</c> and <c>CurrentMedia</c> only,
    /// with <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> and CR escaped.
    /// </summary>
    /// <exception cref="ArgumentException">A field holds a character XML cannot carry (a control character or a lone surrogate).</exception>
    public byte[] ToBytes(bool includeMachineGuid = false)
    {
        var sb = new StringBuilder("<Data><PSM>");
        Escape(sb, PersonalMessage, nameof(PersonalMessage));
        sb.Append("</PSM><CurrentMedia>");
        Escape(sb, CurrentMedia, nameof(CurrentMedia));
        sb.Append("</CurrentMedia>");
        if (includeMachineGuid && MachineGuid is not null)
        {
            sb.Append("<MachineGuid>");
            Escape(sb, MachineGuid, nameof(MachineGuid));
            sb.Append("</MachineGuid>");
        }

        sb.Append("</Data>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// The document as a viewer of <paramref name="dialect"/> receives it in <c>UBX</c>. Up to MSNP15:
    /// <c>PSM</c> and <c>CurrentMedia</c> (<see cref="ToBytes(bool)"/>). From MSNP16 (escargot
    /// <c>extend_ubx_payload</c>): <c>SignatureSound</c> when the subject sent one, at MSNP18 also
    /// <c>DDP</c>, <c>Scene</c> and <c>ColorScheme</c>; then one <c>EndpointData</c> per point of presence,
    /// and only in a user's <c>UBX</c> of themselves (<paramref name="own"/>) each endpoint's
    /// <c>PrivateEndpointData</c>. The machine GUID is never written.
    /// </summary>
    /// <exception cref="ArgumentException">A field holds a character XML cannot carry.</exception>
    public byte[] ToBytes(Dialects.MsnpDialect dialect, IReadOnlyList<Endpoints.EndpointPresence>? endpoints, bool own)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        if (!dialect.HasPointsOfPresence)
        {
            return ToBytes();
        }

        var sb = new StringBuilder("<Data><PSM>");
        Escape(sb, PersonalMessage, nameof(PersonalMessage));
        sb.Append("</PSM><CurrentMedia>");
        Escape(sb, CurrentMedia, nameof(CurrentMedia));
        sb.Append("</CurrentMedia>");
        if (dialect.HasRichPersonalStatus)
        {
            Element(sb, "DDP", Ddp);
        }

        Element(sb, "SignatureSound", SignatureSound);
        if (dialect.HasRichPersonalStatus)
        {
            Element(sb, "Scene", Scene);
            Element(sb, "ColorScheme", ColorScheme);
        }

        foreach (var endpoint in endpoints ?? [])
        {
            sb.Append("<EndpointData id=\"").Append(endpoint.MachineGuid.ToString("B")).Append("\"><Capabilities>")
              .Append(endpoint.Capabilities.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':')
              .Append(endpoint.CapabilitiesEx.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</Capabilities></EndpointData>");
        }

        if (own)
        {
            foreach (var endpoint in endpoints ?? [])
            {
                sb.Append("<PrivateEndpointData id=\"").Append(endpoint.MachineGuid.ToString("B")).Append("\">");
                if (endpoint.Private is { } p)
                {
                    Element(sb, "EpName", p.Name);
                    Element(sb, "Idle", p.Idle is { } idle ? (idle ? "true" : "false") : null);
                    Element(sb, "ClientType", p.ClientType?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Element(sb, "State", p.State);
                }

                sb.Append("</PrivateEndpointData>");
            }
        }

        sb.Append("</Data>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void Element(StringBuilder sb, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        sb.Append('<').Append(name).Append('>');
        Escape(sb, value, name);
        sb.Append("</").Append(name).Append('>');
    }

    /// <summary>True when every character of <paramref name="text"/> can be carried in an XML document.</summary>
    public static bool IsValidText(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads a <c>UUX</c>/<c>UBX</c> payload with the default limits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out PersonalStatus? status, out PersonalStatusError error) =>
        TryParse(payload, PersonalStatusLimits.Default, out status, out error);

    /// <summary>Reads a <c>UUX</c>/<c>UBX</c> payload. An empty payload is the empty status. Never throws on bad input.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, PersonalStatusLimits limits, [NotNullWhen(true)] out PersonalStatus? status, out PersonalStatusError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        status = null;
        if (payload.IsEmpty && payload.Length <= limits.MaxPayloadBytes)
        {
            status = Empty;
            error = PersonalStatusError.None;
            return true;
        }

        error = StatusDocumentReader.Read(payload, limits, DataFields, out var root, out var fields);
        if (error == PersonalStatusError.None && root != "Data")
        {
            error = PersonalStatusError.WrongRoot;
        }

        if (error != PersonalStatusError.None)
        {
            return false;
        }

        status = new PersonalStatus(fields.GetValueOrDefault("PSM", string.Empty), fields.GetValueOrDefault("CurrentMedia", string.Empty))
        {
            MachineGuid = fields.GetValueOrDefault("MachineGuid"),
            Ddp = fields.GetValueOrDefault("DDP"),
            SignatureSound = fields.GetValueOrDefault("SignatureSound"),
            Scene = fields.GetValueOrDefault("Scene"),
            ColorScheme = fields.GetValueOrDefault("ColorScheme"),
        };
        return true;
    }

    // The text fields of <Data> this library reads; DDP and Scene carry an MSNObject (the longer limit).
    private static readonly string[] DataFields = ["PSM", "CurrentMedia", "MachineGuid", "DDP", "SignatureSound", "Scene", "ColorScheme"];

    private static void Escape(StringBuilder sb, string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text, name);
        if (!IsValidText(text))
        {
            throw new ArgumentException("The text holds a character XML cannot carry.", name);
        }

        foreach (char c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '\r' => sb.Append("&#xD;"),
                _ => sb.Append(c),
            };
        }
    }
}
