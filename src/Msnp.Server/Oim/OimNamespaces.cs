namespace Msnp.Server.Oim;

/// <summary>The namespaces and paths of the offline-message services (Pidgin <c>oim.h</c>).</summary>
public static class OimNamespaces
{
    /// <summary>The sending service's path (<c>ows.messenger.msn.com</c>).</summary>
    public const string StorePath = "/OimWS/oim.asmx";

    /// <summary>The retrieval service's path (<c>rsi.hotmail.com</c>).</summary>
    public const string RetrievalPath = "/rsi/rsi.asmx";

    /// <summary><c>Store2</c> (WLM 8.5+, Pidgin, BitlBee): its <c>SOAPAction</c> base and response namespace.</summary>
    public const string Store2 = "http://messenger.live.com/ws/2006/09/oim/";

    /// <summary><c>Store</c> (WLM 8.0) and the request header elements of both (<c>From</c>, <c>To</c>, <c>Ticket</c>).</summary>
    public const string Store = "http://messenger.msn.com/ws/2004/09/oim/";

    /// <summary>The retrieval service's <c>SOAPAction</c> base and body namespace.</summary>
    public const string Retrieval = "http://www.hotmail.msn.com/ws/2004/09/oim/rsi";

    /// <summary>WS-ReliableMessaging of the <c>Sequence</c> header and the <c>SequenceAcknowledgment</c> answer.</summary>
    public const string ReliableMessaging = "http://schemas.xmlsoap.org/ws/2003/03/rm";

    /// <summary>The namespace of the sequence's <c>Identifier</c>.</summary>
    public const string Utility = "http://schemas.xmlsoap.org/ws/2002/07/utility";
}
