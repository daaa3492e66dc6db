namespace Msnp.Server.Storage;

/// <summary>Why an account was not created.</summary>
public enum CreateAccountError
{
    /// <summary>It was created.</summary>
    None,

    /// <summary>The email is not a valid passport name.</summary>
    InvalidEmail,

    /// <summary>The password is empty.</summary>
    InvalidPassword,

    /// <summary>The friendly name holds a space or control character, or is longer than 387 bytes.</summary>
    InvalidFriendlyName,

    /// <summary>An account with this email exists.</summary>
    AlreadyExists,
}
