using System.Text;
using System.Xml;

namespace Msnp.Server.Soap;

/// <summary>
/// Writes response envelopes: one line, no insignificant whitespace (Pidgin's parser steps onto
/// whitespace text nodes), the <c>soap</c>, <c>xsi</c> and <c>xsd</c> prefixes declared on the
/// envelope as the real services did, every value escaped by <see cref="XmlWriter"/>.
/// </summary>
public static class SoapWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>An envelope with an optional header and a body written by <paramref name="body"/>.</summary>
    public static byte[] Envelope(Action<XmlWriter>? header, Action<XmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return XmlOutput.Write(Settings, writer =>
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("soap", "Envelope", SoapNamespaces.Envelope);
            writer.WriteAttributeString("xmlns", "soap", null, SoapNamespaces.Envelope);
            writer.WriteAttributeString("xmlns", "xsi", null, SoapNamespaces.SchemaInstance);
            writer.WriteAttributeString("xmlns", "xsd", null, SoapNamespaces.Schema);
            if (header is not null)
            {
                writer.WriteStartElement("soap", "Header", SoapNamespaces.Envelope);
                header(writer);
                writer.WriteEndElement();
            }

            writer.WriteStartElement("soap", "Body", SoapNamespaces.Envelope);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        });
    }

    /// <summary>
    /// A fault envelope. <paramref name="actorNamespace"/> and <paramref name="action"/> make the
    /// <c>faultactor</c>; <paramref name="detailNamespace"/> is the namespace of the detail elements.
    /// </summary>
    public static byte[] Fault(SoapFault fault, string actorNamespace, string? action, string detailNamespace)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Envelope(null, writer =>
        {
            writer.WriteStartElement("soap", "Fault", SoapNamespaces.Envelope);
            writer.WriteStartElement("faultcode");
            if (fault.Code.StartsWith("q0:", StringComparison.Ordinal))
            {
                writer.WriteAttributeString("xmlns", "q0", null, fault.CodeNamespace ?? SoapNamespaces.WsSecurityFaults);
            }

            writer.WriteString(fault.Code);
            writer.WriteEndElement();
            writer.WriteElementString("faultstring", fault.Message);
            if (fault.WithActor && !string.IsNullOrEmpty(action))
            {
                writer.WriteElementString("faultactor", actorNamespace + "/" + action);
            }

            writer.WriteStartElement("detail");
            if (fault.Detail is not null)
            {
                fault.Detail(writer);
            }
            else if (fault.ErrorCode is not null)
            {
                writer.WriteElementString("errorcode", detailNamespace, fault.ErrorCode);
                writer.WriteElementString("errorstring", detailNamespace, fault.Message);
                if (fault.ParameterFault is not null)
                {
                    writer.WriteElementString("parameterFault", detailNamespace, fault.ParameterFault);
                }

                writer.WriteElementString("machineName", detailNamespace, "MSNP");
                writer.WriteStartElement("additionalDetails");
                if (fault.ConflictObjectId is not null)
                {
                    writer.WriteElementString("conflictObjectId", fault.ConflictObjectId);
                }
                else
                {
                    writer.WriteElementString("originalExceptionErrorMessage", fault.Message);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
    }
}
