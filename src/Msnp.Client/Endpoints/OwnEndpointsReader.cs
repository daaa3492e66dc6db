using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Msnp.Client.Endpoints;

/// <summary>
/// Reads the endpoint list of a <c>UBX</c> payload (MSNP16+): every <c>EndpointData</c> with its
/// <c>Capabilities</c> (<c>caps:capsEx</c>), joined with the <c>PrivateEndpointData</c> of the same id.
/// Bounded and without DTDs; a document that does not read yields nothing, as msn-pecan ignores it.
/// </summary>
internal static class OwnEndpointsReader
{
    public const int MaxBytes = 64 * 1024;

    public static bool TryRead(ReadOnlySpan<byte> payload, Guid thisMachine, out IReadOnlyList<OwnEndpoint> endpoints)
    {
        endpoints = [];
        if (payload.Length == 0 || payload.Length > MaxBytes)
        {
            return false;
        }

        XElement root;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBytes };
            using var reader = XmlReader.Create(new MemoryStream(payload.ToArray(), writable: false), settings);
            root = XElement.Load(reader);
        }
        catch (XmlException)
        {
            return false;
        }

        var found = new List<OwnEndpoint>();
        foreach (var data in root.Elements("EndpointData"))
        {
            if (!TryId(data, out var id))
            {
                continue;
            }

            var (caps, capsEx) = Capabilities(data.Element("Capabilities")?.Value);
            var own = root.Elements("PrivateEndpointData").FirstOrDefault(p => TryId(p, out var other) && other == id);
            found.Add(new OwnEndpoint(id, caps, capsEx)
            {
                Name = own?.Element("EpName")?.Value,
                Idle = bool.TryParse(own?.Element("Idle")?.Value, out var idle) ? idle : null,
                ClientType = int.TryParse(own?.Element("ClientType")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var type) ? type : null,
                State = own?.Element("State")?.Value,
                IsThisMachine = id == thisMachine,
            });
        }

        endpoints = found;
        return true;
    }

    private static bool TryId(XElement element, out Guid id) => Guid.TryParse(element.Attribute("id")?.Value, out id);

    private static (uint, uint) Capabilities(string? text)
    {
        // caps:capsEx, or a single number
        var parts = (text ?? string.Empty).Split(':');
        var caps = uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var ex = parts.Length > 1 && uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : 0;
        return (caps, ex);
    }
}
