namespace Msnp.Server.Tests.Passport;

/// <summary>Builds the Authorization header Messenger 5–6 sent to <c>login2.srf</c>.</summary>
internal static class PassportAuthorizationHeader
{
    public const string Challenge =
        "lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1062764229,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619";

    public static string For(string account, string password) =>
        $"Passport1.4 OrgVerb=GET,OrgURL=http%3A%2F%2Fmessenger%2Emsn%2Ecom,sign-in={Uri.EscapeDataString(account)},pwd={Uri.EscapeDataString(password)},{Challenge}";

    /// <summary>The ticket inside <c>from-PP='…'</c> of an <c>Authentication-Info</c> header.</summary>
    public static string TicketFrom(string authenticationInfo)
    {
        const string marker = "from-PP='";
        var start = authenticationInfo.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, authenticationInfo);
        start += marker.Length;
        var end = authenticationInfo.IndexOf('\'', start);
        Assert.True(end > start, authenticationInfo);
        return authenticationInfo[start..end];
    }
}
