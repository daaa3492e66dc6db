using Msnp.Protocol.Auth;

namespace Msnp.Server.Tests.Support;

/// <summary>Small steps shared by the transcript tests.</summary>
internal static class Transcript
{
    public static async Task ExpectAsync(this LineClient client, params string[] lines)
    {
        foreach (var line in lines)
        {
            Assert.Equal(line, await client.ReadLineAsync());
        }
    }

    /// <summary>
    /// Proves nothing is queued for the client: the server answers a <c>PNG</c> after everything it
    /// already queued, so the next line being <c>QNG</c> means no other line was waiting.
    /// Notifications caused by another connection are queued before that connection gets its
    /// reply, so call this after reading the other side's reply.
    /// </summary>
    public static async Task ExpectQuietAsync(this LineClient client)
    {
        await client.SendAsync("PNG\r\n");
        Assert.Matches("^QNG( 50)?$", await client.ReadLineAsync());
    }

    /// <summary>Reads <c>CHL 0 …</c> and answers it with the documented msmsgs key pair.</summary>
    public static async Task AnswerChallengeAsync(this LineClient client, uint trId)
    {
        var chl = await client.ReadLineAsync();
        Assert.StartsWith("CHL 0 ", chl);
        var digest = ChallengeResponse.ComputeDigest(chl!["CHL 0 ".Length..]);
        await client.SendAsync($"QRY {trId} msmsgs@msnmsgr.com 32\r\n{digest}");
        Assert.Equal($"QRY {trId}", await client.ReadLineAsync());
    }

    /// <summary>Reads <c>CHL 0 …</c> and answers it as a client of <paramref name="dialect"/> does (MD5, or the MSNP11 algorithm).</summary>
    public static async Task AnswerChallengeAsync(this LineClient client, uint trId, Msnp.Protocol.Dialects.MsnpDialect dialect)
    {
        var chl = await client.ReadLineAsync();
        Assert.StartsWith("CHL 0 ", chl);
        var digest = ChallengeResponse.ComputeDigest(chl!["CHL 0 ".Length..], dialect);
        await client.SendAsync($"QRY {trId} {dialect.ClientChallengeKey!.ClientId} 32\r\n{digest}");
        Assert.Equal($"QRY {trId}", await client.ReadLineAsync());
    }

    /// <summary>Reads the <c>CHL 0 …</c> every MSNP6+ session gets after its first <c>CHG</c>, leaving it unanswered.</summary>
    public static async Task SkipChallengeAsync(this LineClient client) =>
        Assert.StartsWith("CHL 0 ", await client.ReadLineAsync());
}
