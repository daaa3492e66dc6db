using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// 700 accounts with the longest friendly name each put one user on their FL: that user's
/// <c>SYN</c> (about 300 KiB, more than the 256 KiB output limit) still arrives whole, over a
/// real socket, at MSNP7 and at MSNP8; and the RL cannot grow past <c>ReverseListLimit</c>.
/// </summary>
public sealed class ReverseListFloodTests
{
    private const int Attackers = 700;

    // 387 bytes, the longest friendly name (NameLimits.FriendlyName).
    private static readonly string LongName = new('x', 387);

    [Theory]
    [InlineData("MSNP7")]
    [InlineData("MSNP8")]
    public async Task A_reverse_list_larger_than_the_output_limit_is_delivered_whole(string version)
    {
        await using var scene = await Scene.StartAsync("victim");
        await FloodAsync(scene, Attackers);

        var victim = await scene.SignInAsync("victim", version);
        await victim.SendAsync("SYN 10 0\r\n");
        var syn = (await victim.ReadLineStartingWithAsync("SYN 10 ")).Split(' ');
        var reverse = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        if (version == "MSNP8")
        {
            // SYN 10 <version> <contacts> <groups>: GTC, BLP, LSG lines, then one LST per contact.
            int contacts = int.Parse(syn[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Attackers, contacts);
            while (reverse.Count < contacts)
            {
                var line = await ReadAsync(victim);
                bytes += line.Length;
                if (line.StartsWith("LST ", StringComparison.Ordinal))
                {
                    var p = line.Split(' ');
                    Assert.Equal(LongName, p[2]);
                    Assert.Equal(((int)ListKind.Reverse).ToString(System.Globalization.CultureInfo.InvariantCulture), p[3]);
                    reverse.Add(p[1]);
                }
            }
        }
        else
        {
            // LST 10 RL <version> <index> <total> <account> <name>, RL last.
            while (true)
            {
                var line = await ReadAsync(victim);
                bytes += line.Length;
                var p = line.Split(' ');
                if (p[0] == "LST" && p[2] == "RL")
                {
                    Assert.Equal(LongName, p[7]);
                    reverse.Add(p[6]);
                    if (p[4] == p[5])
                    {
                        break;
                    }
                }
            }
        }

        Assert.Equal(Attackers, reverse.Count);
        Assert.True(bytes > 256 * 1024, $"the reply was only {bytes} bytes");

        // The connection is still open and answers.
        await victim.SendAsync("PNG\r\n");
        Assert.Equal("QNG", await victim.ReadLineStartingWithAsync("QNG"));
    }

    [Fact]
    public async Task The_reverse_list_stops_growing_at_its_limit()
    {
        await using var scene = await Scene.StartAsync(o => o.Storage.ReverseListLimit = 3, "victim", "alice");
        await FloodAsync(scene, 3);

        // The fourth would-be watcher, over the protocol, gets 210 and nothing changes.
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync($"ADD 5 FL {Scene.Email("victim")} Victim 0\r\n");
        Assert.Equal("210 5", await alice.ReadLineAsync());
        await alice.SendAsync("SYN 6 1\r\n");
        Assert.Equal("SYN 6 0 0 1", await alice.ReadLineStartingWithAsync("SYN 6 "));
    }

    private static async Task<string> ReadAsync(LineClient client) =>
        await client.ReadLineAsync() ?? throw new IOException("the server closed the connection");

    // Throw-away accounts, made quickly on a second handle to the server's own database file.
    private static async Task FloodAsync(Scene scene, int count)
    {
        using var store = await SqliteStore.OpenAsync(new StorageOptions
        {
            DataDirectory = scene.Server.DataDirectory,
            PasswordIterations = 1,
            AllowInsecurePasswordIterationsForLoadTests = true,
            ReverseListLimit = count,
        });
        for (int i = 0; i < count; i++)
        {
            var email = $"flood{i}@example.com";
            Assert.True((await store.Accounts.CreateAsync(email, "pw", LongName)).Succeeded);
            var added = await store.Contacts.AddAsync(email, ListKind.Forward, Scene.Email("victim"), "Victim", 0);
            Assert.True(added.Succeeded, added.ToString());
        }
    }
}
