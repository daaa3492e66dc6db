using System.Xml;

namespace Msnp.Protocol.Xml;

/// <summary>
/// Settings for reading XML that a peer sent (SOAP envelopes and replies, <c>UUX</c> status
/// documents, <c>ADL</c>/<c>RML</c> lists): no DTDs, no resolver, bounded entity expansion, a
/// bounded document, comments and processing instructions skipped.
/// </summary>
public static class SafeXmlReaderSettings
{
    /// <summary>The most characters entity references may expand to in one document.</summary>
    public const int MaxCharactersFromEntities = 1024;

    /// <param name="maxCharactersInDocument">The document bound, or 0 when the caller bounds the bytes itself.</param>
    /// <param name="ignoreWhitespace">
    /// True where white space between elements means nothing (lists, envelopes); false where it
    /// may be text the reader keeps (a personal message is the text of an element).
    /// </param>
    public static XmlReaderSettings Create(long maxCharactersInDocument = 0, bool ignoreWhitespace = false) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharactersInDocument,
        MaxCharactersFromEntities = MaxCharactersFromEntities,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = ignoreWhitespace,
    };
}
