namespace Msnp.Server.Passport;

/// <summary>
/// The credentials in a <c>GET /login2.srf</c> request's
/// <c>Authorization: Passport1.4 OrgVerb=GET,OrgURL=…,sign-in=…,pwd=…,&lt;challenge&gt;</c> header.
/// </summary>
/// <param name="SignIn">The account, URL-decoded.</param>
/// <param name="Password">The password, URL-decoded.</param>
/// <param name="ReturnUrl">The challenge's <c>ru</c>, echoed in the success header.</param>
internal sealed record PassportAuthorization(string SignIn, string Password, string ReturnUrl)
{
    /// <summary>What real Passport echoed when the challenge named nothing usable.</summary>
    public const string DefaultReturnUrl = "http://messenger.msn.com";

    private const string Scheme = "Passport1.4";

    // Longer values are not real credentials; refuse them before they reach password hashing.
    private const int MaxSignInChars = 256;
    private const int MaxPasswordChars = 1024;

    /// <summary>
    /// Parses the header. The parameters are a comma list of <c>key=value</c>; only <c>sign-in</c>,
    /// <c>pwd</c> and <c>ru</c> matter, the first of each wins, everything else (OrgVerb, OrgURL and
    /// the challenge the NS sent) is ignored. Keys are case-insensitive; spaces around items are allowed.
    /// </summary>
    public static bool TryParse(string? header, out PassportAuthorization authorization)
    {
        authorization = new PassportAuthorization("", "", DefaultReturnUrl);
        var text = (header ?? "").AsSpan().Trim();
        if (!text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || (text.Length > Scheme.Length && !char.IsWhiteSpace(text[Scheme.Length])))
        {
            return false;
        }

        string? signIn = null, password = null, returnUrl = null;
        var parameters = text[Scheme.Length..];
        foreach (var range in parameters.Split(','))
        {
            var item = parameters[range].Trim();
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                continue; // flags such as "prompt"
            }

            var key = item[..equals].Trim();
            var value = item[(equals + 1)..].Trim();
            if (key.Equals("sign-in", StringComparison.OrdinalIgnoreCase))
            {
                signIn ??= Uri.UnescapeDataString(value.ToString());
            }
            else if (key.Equals("pwd", StringComparison.OrdinalIgnoreCase))
            {
                password ??= Uri.UnescapeDataString(value.ToString());
            }
            else if (key.Equals("ru", StringComparison.OrdinalIgnoreCase))
            {
                returnUrl ??= Uri.UnescapeDataString(value.ToString());
            }
        }

        if (string.IsNullOrWhiteSpace(signIn) || password is null
            || signIn.Length > MaxSignInChars || password.Length > MaxPasswordChars)
        {
            return false;
        }

        authorization = new PassportAuthorization(signIn.Trim(), password, IsSafeHeaderUrl(returnUrl) ? returnUrl! : DefaultReturnUrl);
        return true;
    }

    // ru is echoed into a response header: printable ASCII only, and none of the list's delimiters.
    private static bool IsSafeHeaderUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 512 && url.All(c => c is > ' ' and < (char)0x7F and not ',' and not '\'');
}
