namespace Msnp.Server.Soap;

/// <summary>One SOAP action of a service (<c>ABFindAll</c>, <c>AddMember</c>, …): one small type each.</summary>
public interface ISoapAction
{
    /// <summary>The action's name: the last segment of its <c>SOAPAction</c> header and the local name of its body element.</summary>
    string Name { get; }

    /// <summary>Handles one authenticated call.</summary>
    ValueTask<SoapResult> HandleAsync(SoapCall call);
}
