namespace Msnp.Server.StorageService;

/// <summary>The storage service's path and namespaces.</summary>
public static class StorageNamespaces
{
    /// <summary>The service's path (<c>storage.msn.com</c>).</summary>
    public const string Path = "/storageservice/SchematizedStore.asmx";

    /// <summary>WLM 2009 and BitlBee (<c>…/storage/w10/GetProfile</c>).</summary>
    public const string W10 = "http://www.msn.com/webservices/storage/w10";

    /// <summary>WLM 8.x.</summary>
    public const string V2008 = "http://www.msn.com/webservices/storage/2008";

    /// <summary>The answer's namespace: the one the request's action element used, else <see cref="W10"/>.</summary>
    public static string For(Soap.SoapCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var ns = call.Envelope.Action.Name.NamespaceName;
        return ns == V2008 ? V2008 : W10;
    }
}
