namespace Msnp.Protocol.Dialects.Model;

/// <summary>One phone number or mobile flag that is set. A cleared setting is simply absent from a list.</summary>
/// <param name="Kind">Which setting.</param>
/// <param name="Value">The value in wire form (URL-encoded, e.g. <c>555%201234</c>, or <c>Y</c>/<c>N</c>).</param>
public sealed record PhoneSetting(PhoneKind Kind, string Value);
