namespace Msnp.Protocol.Messages;

/// <summary>Why a payload is not a well-formed MIME message (or header-style body).</summary>
public enum MimeParseError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The header block never ends: there is no empty line before the data runs out.</summary>
    MissingBlankLine,

    /// <summary>A header line has no colon.</summary>
    HeaderWithoutColon,

    /// <summary>A header name is empty or holds a byte outside printable ASCII (space and controls included).</summary>
    InvalidHeaderName,

    /// <summary>A header value holds a bare CR, which could never be written back unchanged.</summary>
    InvalidHeaderValue,

    /// <summary>A header line is longer than <see cref="MimeLimits.MaxHeaderLineLength"/>.</summary>
    HeaderLineTooLong,

    /// <summary>There are more headers than <see cref="MimeLimits.MaxHeaders"/>.</summary>
    TooManyHeaders,
}
