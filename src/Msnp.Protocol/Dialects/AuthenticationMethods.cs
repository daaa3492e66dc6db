namespace Msnp.Protocol.Dialects;

/// <summary>The wire names of <see cref="AuthenticationMethod"/>, the token after the TrID in <c>USR</c>.</summary>
public static class AuthenticationMethods
{
    /// <summary><c>MD5</c>, <c>TWN</c> or <c>SSO</c>.</summary>
    public static string WireName(this AuthenticationMethod method) => method switch
    {
        AuthenticationMethod.Md5 => "MD5",
        AuthenticationMethod.Tweener => "TWN",
        AuthenticationMethod.SingleSignOn => "SSO",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not an authentication method."),
    };
}
