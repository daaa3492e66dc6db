namespace Msnp.Client.OfflineMessages;

/// <summary>The offline-message service refused a request; <see cref="FaultCode"/> says why (docs/oim.md).</summary>
public sealed class OfflineMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OfflineMessageException(string faultCode, string message)
        : base(message)
    {
        FaultCode = faultCode;
    }

    /// <summary>The SOAP fault code, such as <c>q0:SystemUnavailable</c>, or <c>http</c> when there was no fault.</summary>
    public string FaultCode { get; }
}
