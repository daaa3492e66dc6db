using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Phone numbers (<c>BPR</c>) follow the presence rule: someone bob blocks, or who is not on
/// bob's AL while bob's <c>BLP</c> is <c>BL</c>, does not get them by putting bob on their FL.
/// </summary>
public sealed class PhonePrivacyTests
{
    [Theory]
    [InlineData("MSNP7")]
    [InlineData("MSNP8")]
    public async Task Blocked_and_not_allowed_users_do_not_get_phone_numbers_in_SYN(string version)
    {
        await using var scene = await Scene.StartAsync("bob", "alice", "mallory", "carol");
        var bob = await scene.SignInAsync("bob");
        await bob.SendAsync("PRP 1 PHH 555-0100\r\nPRP 2 PHM 555-0199\r\n");
        await bob.ReadLineStartingWithAsync("PRP 1 ");
        await bob.ReadLineStartingWithAsync("PRP 2 ");
        await bob.SendAsync($"ADD 3 BL {Scene.Email("mallory")} Mallory\r\n");
        await bob.ReadLineStartingWithAsync("ADD 3 BL ");

        // BLP AL (the default): alice, on no list of bob's, sees the numbers; mallory, blocked, does not.
        Assert.Equal(2, await PhoneLinesSeenByAsync(scene, "alice", version));
        Assert.Equal(0, await PhoneLinesSeenByAsync(scene, "mallory", version));

        // BLP BL: only bob's AL sees them.
        await bob.SendAsync($"BLP 4 BL\r\nADD 5 AL {Scene.Email("alice")} Alice\r\n");
        await bob.ReadLineStartingWithAsync("BLP 4 ");
        await bob.ReadLineStartingWithAsync("ADD 5 AL ");
        Assert.Equal(0, await PhoneLinesSeenByAsync(scene, "carol", version));
        Assert.Equal(2, await PhoneLinesSeenByAsync(scene, "alice", version));
    }

    // Signs the user in, puts bob on their FL, and counts the BPR lines about bob in a full SYN.
    private static async Task<int> PhoneLinesSeenByAsync(Scene scene, string name, string version)
    {
        var client = await scene.SignInAsync(name, version);
        var group = version == "MSNP8" || version == "MSNP7" ? " 0" : string.Empty;
        await client.SendAsync($"ADD 10 FL {Scene.Email("bob")} Bob{group}\r\n");
        var added = await client.ReadLineAsync();
        Assert.True(added!.StartsWith("ADD 10 FL ", StringComparison.Ordinal) || added == "215 10", added);
        await client.SendAsync("SYN 11 0\r\n");
        var syn = (await client.ReadLineStartingWithAsync("SYN 11 ")).Split(' ');
        int phones = 0;
        string? current = null;
        int contactsLeft = version == "MSNP8" ? int.Parse(syn[3], System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        while (true)
        {
            var line = await client.ReadLineAsync() ?? throw new IOException("closed during SYN");
            var p = line.Split(' ');
            if (p[0] == "LST")
            {
                current = version == "MSNP8" ? p[1] : p.Length > 6 ? p[6] : null;
                if (version == "MSNP8" && --contactsLeft == 0)
                {
                    // The last contact's BPR lines follow; a PNG marks the end of the reply.
                    await client.SendAsync("PNG\r\n");
                }

                if (version != "MSNP8" && p[2] == "RL" && p[4] == p[5])
                {
                    break;
                }
            }
            else if (p[0] == "BPR")
            {
                Assert.Equal(Scene.Email("bob"), current);
                phones++;
            }
            else if (p[0] == "QNG")
            {
                break;
            }
        }

        await client.DisposeAsync();
        return phones;
    }
}
