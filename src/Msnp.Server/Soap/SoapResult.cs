using System.Xml;

namespace Msnp.Server.Soap;

/// <summary>What an action answers: a body (written inside <c>soap:Body</c>) or a fault.</summary>
public sealed class SoapResult
{
    private SoapResult(Action<XmlWriter>? body, SoapFault? fault)
    {
        Body = body;
        Fault = fault;
    }

    /// <summary>Writes the response element, or null for a fault.</summary>
    public Action<XmlWriter>? Body { get; }

    /// <summary>The fault, or null for a success.</summary>
    public SoapFault? Fault { get; }

    /// <summary>A successful response.</summary>
    public static SoapResult Ok(Action<XmlWriter> body) => new(body ?? throw new ArgumentNullException(nameof(body)), null);

    /// <summary>A fault (HTTP 500 unless the fault says otherwise).</summary>
    public static SoapResult Failed(SoapFault fault) => new(null, fault ?? throw new ArgumentNullException(nameof(fault)));

    /// <summary>Lets a handler return a fault directly.</summary>
    public static implicit operator SoapResult(SoapFault fault) => Failed(fault);
}
