namespace Msnp.Protocol.Names;

/// <summary>Why text is not a passport (account) name; distinct cases so a server can answer 201, 205, 206 or 208 as the official one did.</summary>
public enum PassportNameError
{
    /// <summary>The name is well formed.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>More than <see cref="NameLimits.Account"/> UTF-8 bytes.</summary>
    TooLong,

    /// <summary>A character outside the allowed set: space, control, non-ASCII, or punctuation not allowed in that part.</summary>
    InvalidCharacter,

    /// <summary>No <c>@</c> at all (<c>alice</c>).</summary>
    MissingAt,

    /// <summary>More than one <c>@</c> (<c>@@a</c>, <c>a@b@c.com</c>).</summary>
    MultipleAt,

    /// <summary>Nothing before the <c>@</c> (<c>@example.com</c>).</summary>
    EmptyLocalPart,

    /// <summary>The local part starts or ends with a dot, or holds two dots in a row.</summary>
    InvalidLocalPart,

    /// <summary>Nothing after the <c>@</c> (<c>alice@</c>): the "domain name missing" case.</summary>
    EmptyDomain,

    /// <summary>A domain without a dot (<c>a@b</c>).</summary>
    DomainWithoutDot,

    /// <summary>A domain with an empty label, a label longer than 63, or a label starting or ending with <c>-</c>.</summary>
    InvalidDomain,
}
