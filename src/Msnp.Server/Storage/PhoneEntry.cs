namespace Msnp.Server.Storage;

/// <summary>One stored phone number or mobile setting, value in its URL-encoded wire form.</summary>
public sealed record PhoneEntry(PhoneType Type, string Value);
