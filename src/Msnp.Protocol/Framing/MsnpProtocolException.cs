namespace Msnp.Protocol.Framing;

/// <summary>Raised where a framing violation cannot be returned as a value.</summary>
public sealed class MsnpProtocolException : Exception
{
    /// <summary>Creates the exception for a violation.</summary>
    public MsnpProtocolException(FramingViolation violation)
        : base("MSNP protocol violation: " + violation.Describe()) => Violation = violation;

    /// <summary>Creates the exception with a message.</summary>
    public MsnpProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public MsnpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MsnpProtocolException()
    {
    }

    /// <summary>The violation, when the exception came from framing.</summary>
    public FramingViolation Violation { get; }
}
