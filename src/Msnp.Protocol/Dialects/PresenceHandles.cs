namespace Msnp.Protocol.Dialects;

/// <summary>Reads a contact named on <c>ILN</c>/<c>NLN</c>/<c>FLN</c>/<c>UBX</c> in any of its forms (<see cref="PresenceHandleStyle"/>).</summary>
public static class PresenceHandles
{
    /// <summary>
    /// Reads the handle at <paramref name="index"/>: <c>account</c>, <c>account 1</c> (MSNP14–17: the
    /// network token is skipped) or <c>1:account</c> (MSNP18). A <c>;{guid}</c> endpoint suffix is removed.
    /// </summary>
    /// <param name="parameters">The command's parameters (after the TrID).</param>
    /// <param name="index">Where the handle starts.</param>
    /// <param name="dialect">The dialect the line was written in.</param>
    /// <param name="account">The account.</param>
    /// <param name="next">The index of the token after the handle.</param>
    public static bool TryRead(IReadOnlyList<string> parameters, int index, MsnpDialect dialect, out string account, out int next)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(dialect);
        account = string.Empty;
        next = index;
        if (index >= parameters.Count)
        {
            return false;
        }

        var token = parameters[index];
        next = index + 1;
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && token.AsSpan(0, colon).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            token = token[(colon + 1)..];
        }
        else if (dialect.PresenceHandle == PresenceHandleStyle.AccountAndNetwork && next < parameters.Count
            && parameters[next].Length is > 0 and <= 4 && parameters[next].AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            next++;
        }

        int semicolon = token.IndexOf(';', StringComparison.Ordinal);
        account = semicolon >= 0 ? token[..semicolon] : token;
        return account.Length > 0;
    }
}
