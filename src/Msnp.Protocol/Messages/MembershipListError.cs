namespace Msnp.Protocol.Messages;

/// <summary>Why an <c>ADL</c>/<c>RML</c>/<c>FQY</c> payload was refused (docs/dialects.md, "Membership lists").</summary>
public enum MembershipListError
{
    /// <summary>Read.</summary>
    None,

    /// <summary>Larger than <see cref="MembershipListLimits.MaxPayloadBytes"/>.</summary>
    TooLarge,

    /// <summary>Not UTF-8, not well-formed XML, or a DTD.</summary>
    Malformed,

    /// <summary>The root is not <c>ml</c>, or a child is not <c>d</c>/<c>c</c> where one is expected.</summary>
    WrongShape,

    /// <summary>Elements nested deeper than <c>ml/d/c</c> allows.</summary>
    TooDeep,

    /// <summary>More contacts than <see cref="MembershipListLimits.MaxContacts"/>.</summary>
    TooManyContacts,

    /// <summary>A <c>d</c> element with no contacts (escargot answers 240).</summary>
    EmptyDomain,

    /// <summary>A domain or contact without its name, an address that is not an account, or list bits that are not a number.</summary>
    BadContact,

    /// <summary>A network type (<c>t</c>) that is not a number.</summary>
    BadNetwork,
}
