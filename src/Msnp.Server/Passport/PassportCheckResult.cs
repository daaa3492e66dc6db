namespace Msnp.Server.Passport;

/// <summary>How a Passport password check ended, which decides the endpoint's answer.</summary>
internal enum PassportCheckResult
{
    /// <summary>The password is right.</summary>
    Ok,

    /// <summary>The password is wrong, or the name has no account (a made-up name past its rate is refused here unhashed).</summary>
    Failed,

    /// <summary>The account or address is locked by the sign-in back-off; nothing was checked.</summary>
    Locked,

    /// <summary>The address is over its Passport request rate, or every hashing slot and the queue are taken; nothing was checked.</summary>
    Busy,
}
