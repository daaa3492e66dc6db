using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>REA, PRP/BPR, GTC/BLP, ADD/REM with groups, RMG and list versions (catalogue §3.3, §5.6, §5.8).</summary>
public sealed class ListCommandTests
{
    private static Task<Scene> StartAsync(Action<Msnp.Server.Hosting.MsnpServerOptions>? configure = null) =>
        Scene.StartAsync(configure, "alice", "bob", "carol");

    [Fact]
    public async Task REA_changes_the_own_friendly_name_and_a_contacts_nickname()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");

        await alice.SendAsync("REA 5 alice@example.com Alice%20Liddell\r\n");
        await alice.ExpectAsync("REA 5 1 alice@example.com Alice%20Liddell");
        await alice.SendAsync("ADD 6 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 6 FL 2 bob@example.com Bob 0");
        await alice.SendAsync("REA 7 bob@example.com Bobby\r\n");
        await alice.ExpectAsync("REA 7 3 bob@example.com Bobby");

        // A contact on no list has no nickname to change.
        await alice.SendAsync("REA 8 carol@example.com Caz\r\n");
        await alice.ExpectAsync("216 8");

        await alice.SendAsync("SYN 9 0\r\n");
        await alice.ExpectAsync("SYN 9 3 1 1", "GTC A", "BLP AL", "LSG 0 Other%20Contacts 0", "LST bob@example.com Bobby 1 0");

        // The new name is the one the next sign-in reports.
        var again = await scene.SignInAsync("alice");
        await alice.ExpectAsync("OUT OTH");
        await again.SendAsync("USR 5 TWN I alice@example.com\r\n");
        await again.ExpectAsync("207 5");
    }

    [Fact]
    public async Task A_friendly_name_of_387_encoded_bytes_is_accepted_and_388_disconnects()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");

        var longest = string.Concat(Enumerable.Repeat("%41", 129));
        await alice.SendAsync($"REA 5 alice@example.com {longest}\r\n");
        await alice.ExpectAsync($"REA 5 1 alice@example.com {longest}");
        await alice.SendAsync($"REA 6 alice@example.com {longest}x\r\n");
        Assert.Null(await alice.ReadLineAsync());
    }

    [Fact]
    public async Task REA_of_a_contact_with_an_over_long_nickname_disconnects()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("ADD 5 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 5 FL 1 bob@example.com Bob 0");
        await alice.SendAsync($"REA 6 bob@example.com {new string('b', 388)}\r\n");
        Assert.Null(await alice.ReadLineAsync());
    }

    [Fact]
    public async Task ADD_with_a_nickname_over_387_bytes_disconnects()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync($"ADD 5 FL bob@example.com {new string('n', 387)} 0\r\n");
        await alice.ExpectAsync($"ADD 5 FL 1 bob@example.com {new string('n', 387)} 0");
        await alice.SendAsync($"ADD 6 AL carol@example.com {new string('n', 388)}\r\n");
        Assert.Null(await alice.ReadLineAsync());
    }

    [Fact]
    public async Task PRP_sets_and_clears_phone_numbers_and_contacts_see_them_as_BPR()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob", "MSNP7");

        await alice.SendAsync("PRP 5 PHH 555%201234\r\n");
        await alice.ExpectAsync("PRP 5 1 PHH 555%201234");
        await alice.SendAsync("PRP 6 PHW 555%204321\r\n");
        await alice.ExpectAsync("PRP 6 2 PHW 555%204321");
        await alice.SendAsync("PRP 7 PHH\r\n");
        await alice.ExpectAsync("PRP 7 3 PHH");

        // A phone number of exactly 95 encoded bytes is fine.
        var longest = new string('9', 95);
        await alice.SendAsync($"PRP 8 PHM {longest}\r\n");
        await alice.ExpectAsync($"PRP 8 4 PHM {longest}");

        await alice.SendAsync("SYN 9 0\r\n");
        await alice.ExpectAsync("SYN 9 4 0 1", "GTC A", "BLP AL", $"PRP PHW 555%204321", $"PRP PHM {longest}", "LSG 0 Other%20Contacts 0");

        await bob.SendAsync("ADD 5 FL alice@example.com Alice 0\r\n");
        await bob.ExpectAsync("ADD 5 FL 1 alice@example.com Alice 0");
        await alice.ExpectAsync("ADD 0 RL 5 bob@example.com Bob");
        await bob.SendAsync("SYN 6 0\r\n");
        await bob.ExpectAsync(
            "SYN 6 1",
            "GTC 6 1 A",
            "BLP 6 1 AL",
            "LSG 6 1 1 1 0 Other%20Contacts 0",
            "LST 6 FL 1 1 1 alice@example.com Alice 0",
            "BPR 1 alice@example.com PHW 555%204321",
            $"BPR 1 alice@example.com PHM {longest}",
            "LST 6 AL 1 0 0",
            "LST 6 BL 1 0 0",
            "LST 6 RL 1 0 0");
    }

    [Theory]
    [InlineData("PRP 5 phh 555\r\n")]
    [InlineData("PRP 5 PH 555\r\n")]
    public async Task PRP_with_an_unknown_or_lower_case_type_gets_715_and_a_close(string line)
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync(line);
        await alice.ExpectAsync("715 5");
        Assert.True(await alice.IsClosedAsync());
    }

    [Fact]
    public async Task PRP_with_a_value_over_95_bytes_disconnects()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync($"PRP 5 PHH {new string('9', 96)}\r\n");
        Assert.Null(await alice.ReadLineAsync());
    }

    [Theory]
    [InlineData("GTC 5 X\r\n")]
    [InlineData("GTC 5 a\r\n")]
    [InlineData("GTC 5\r\n")]
    [InlineData("BLP 5 al\r\n")]
    [InlineData("BLP 5 AL BL\r\n")]
    public async Task GTC_and_BLP_with_invalid_values_close_without_an_error(string line)
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync(line);
        Assert.Null(await alice.ReadLineAsync());
    }

    [Fact]
    public async Task GTC_and_BLP_changes_are_acknowledged_with_the_new_version()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("GTC 5 N\r\n");
        await alice.ExpectAsync("GTC 5 1 N");
        await alice.SendAsync("GTC 6 N\r\n");
        await alice.ExpectAsync("218 6");
        await alice.SendAsync("BLP 7 BL\r\n");
        await alice.ExpectAsync("BLP 7 2 BL");
        await alice.SendAsync("SYN 8 0\r\n");
        await alice.ExpectAsync("SYN 8 2 0 1", "GTC N", "BLP BL", "LSG 0 Other%20Contacts 0");
    }

    [Fact]
    public async Task REM_with_a_group_leaves_only_that_group_and_checks_membership()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");

        await alice.SendAsync("ADG 5 Work 0\r\n");
        await alice.ExpectAsync("ADG 5 1 Work 1 0");
        await alice.SendAsync("ADD 6 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 6 FL 2 bob@example.com Bob 0");
        await bob.ExpectAsync("ADD 0 RL 1 alice@example.com Alice");

        await alice.SendAsync("REM 7 FL bob@example.com 1\r\n");
        await alice.ExpectAsync("225 7");
        await alice.SendAsync("REM 8 FL bob@example.com 9\r\n");
        await alice.ExpectAsync("224 8");
        await alice.SendAsync("REM 9 FL carol@example.com 0\r\n");
        await alice.ExpectAsync("216 9");

        await alice.SendAsync("ADD 10 FL bob@example.com Bob 1\r\n");
        await alice.ExpectAsync("ADD 10 FL 3 bob@example.com Bob 1");
        await alice.SendAsync("ADD 11 FL bob@example.com Bob 1\r\n");
        await alice.ExpectAsync("215 11");

        // Leaving group 0 keeps Bob on the FL in group 1: no RL change for him.
        await alice.SendAsync("REM 12 FL bob@example.com 0\r\n");
        await alice.ExpectAsync("REM 12 FL 4 bob@example.com 0");
        await alice.SendAsync("SYN 13 0\r\n");
        await alice.ExpectAsync("SYN 13 4 1 2", "GTC A", "BLP AL", "LSG 0 Other%20Contacts 0", "LSG 1 Work 0", "LST bob@example.com Bob 1 1");
        await bob.ExpectQuietAsync();

        // Leaving the last group leaves the FL.
        await alice.SendAsync("REM 14 FL bob@example.com 1\r\n");
        await alice.ExpectAsync("REM 14 FL 5 bob@example.com 1");
        await bob.ExpectAsync("REM 0 RL 2 alice@example.com");
    }

    [Fact]
    public async Task RMG_removes_from_the_FL_the_contacts_that_were_only_in_that_group()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob");
        var carol = await scene.SignInAsync("carol");

        await alice.SendAsync("ADG 5 Work 0\r\n");
        await alice.ExpectAsync("ADG 5 1 Work 1 0");
        await alice.SendAsync("ADD 6 FL bob@example.com Bob 1\r\n");
        await alice.ExpectAsync("ADD 6 FL 2 bob@example.com Bob 1");
        await bob.ExpectAsync("ADD 0 RL 1 alice@example.com Alice");
        await alice.SendAsync("ADD 7 FL carol@example.com Carol 0\r\n");
        await alice.ExpectAsync("ADD 7 FL 3 carol@example.com Carol 0");
        await carol.ExpectAsync("ADD 0 RL 1 alice@example.com Alice");
        await alice.SendAsync("ADD 8 FL carol@example.com Carol 1\r\n");
        await alice.ExpectAsync("ADD 8 FL 4 carol@example.com Carol 1");

        await alice.SendAsync("RMG 9 1\r\n");
        await alice.ExpectAsync("RMG 9 5 1");
        await bob.ExpectAsync("REM 0 RL 2 alice@example.com");
        await carol.ExpectQuietAsync();

        await alice.SendAsync("SYN 10 0\r\n");
        await alice.ExpectAsync("SYN 10 5 1 1", "GTC A", "BLP AL", "LSG 0 Other%20Contacts 0", "LST carol@example.com Carol 1 0");
        await alice.SendAsync("RMG 11 1\r\n");
        await alice.ExpectAsync("224 11");
    }

    [Fact]
    public async Task ADD_errors_215_and_210()
    {
        await using var scene = await StartAsync(o => o.Storage.ForwardListLimit = 1);
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync("ADD 5 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 5 FL 1 bob@example.com Bob 0");
        await alice.SendAsync("ADD 6 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("215 6");
        await alice.SendAsync("ADD 7 AL bob@example.com Bob\r\n");
        await alice.ExpectAsync("ADD 7 AL 2 bob@example.com Bob");
        await alice.SendAsync("ADD 8 AL bob@example.com Bob\r\n");
        await alice.ExpectAsync("215 8");
        await alice.SendAsync("ADD 9 FL carol@example.com Carol 0\r\n");
        await alice.ExpectAsync("210 9");

        // AL and BL have their own limits: Carol still fits on the BL.
        await alice.SendAsync("ADD 10 BL carol@example.com Carol\r\n");
        await alice.ExpectAsync("ADD 10 BL 3 carol@example.com Carol");
    }

    [Fact]
    public async Task Every_change_bumps_the_version_by_one_and_FL_changes_move_both_sides()
    {
        await using var scene = await StartAsync();
        var alice = await scene.SignInAsync("alice");
        var bob = await scene.SignInAsync("bob", "MSNP7");

        await alice.SendAsync("ADD 5 FL bob@example.com Bob 0\r\n");
        await alice.ExpectAsync("ADD 5 FL 1 bob@example.com Bob 0");
        await bob.ExpectAsync("ADD 0 RL 1 alice@example.com Alice");
        await bob.SendAsync("GTC 5 N\r\n");
        await bob.ExpectAsync("GTC 5 2 N");
        await alice.SendAsync("ADG 6 Work 0\r\n");
        await alice.ExpectAsync("ADG 6 2 Work 1 0");
        await alice.SendAsync("REG 7 1 Office 0\r\n");
        await alice.ExpectAsync("REG 7 3 1 Office 0");
        await alice.SendAsync("REM 8 FL bob@example.com\r\n");
        await alice.ExpectAsync("REM 8 FL 4 bob@example.com");
        await bob.ExpectAsync("REM 0 RL 3 alice@example.com");

        // A change and its revert are two changes; failed commands change nothing.
        await alice.SendAsync("BLP 9 BL\r\n");
        await alice.ExpectAsync("BLP 9 5 BL");
        await alice.SendAsync("BLP 10 BL\r\n");
        await alice.ExpectAsync("218 10");
        await alice.SendAsync("BLP 11 AL\r\n");
        await alice.ExpectAsync("BLP 11 6 AL");

        await alice.SendAsync("SYN 12 6\r\n");
        await alice.ExpectAsync("SYN 12 6");
        await bob.SendAsync("SYN 6 3\r\n");
        await bob.ExpectAsync("SYN 6 3");
    }

    [Fact]
    public async Task Groups_lists_and_the_version_survive_a_restart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "msnp-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var server = await TestServer.StartAsync(o => o.DataDirectory = dir))
            {
                await SignIn.CreateAccountAsync(server, "mia@example.com", "pw", "Mia");
                await SignIn.CreateAccountAsync(server, "ned@example.com", "pw", "Ned");
                await using var mia = await SignIn.Md5Async(server, "mia@example.com", "pw", "MSNP7");
                await mia.SendAsync("ADG 5 Family 0\r\n");
                await mia.ExpectAsync("ADG 5 1 Family 1 0");
                await mia.SendAsync("ADG 6 Work 0\r\n");
                await mia.ExpectAsync("ADG 6 2 Work 2 0");
                await mia.SendAsync("ADD 7 FL ned@example.com Ned 2\r\n");
                await mia.ExpectAsync("ADD 7 FL 3 ned@example.com Ned 2");
                await mia.SendAsync("ADD 8 FL ned@example.com Ned 1\r\n");
                await mia.ExpectAsync("ADD 8 FL 4 ned@example.com Ned 1");
                await mia.SendAsync("RMG 9 2\r\n");
                await mia.ExpectAsync("RMG 9 5 2");
                await mia.SendAsync("PRP 10 MOB Y\r\n");
                await mia.ExpectAsync("PRP 10 6 MOB Y");
            }

            await using var again = await TestServer.StartAsync(o => o.DataDirectory = dir);
            await using var mia2 = await SignIn.TweenerAsync(again, "mia@example.com", "MSNP9");
            await mia2.SendAsync("SYN 5 0\r\n");
            await mia2.ExpectAsync("SYN 5 6 1 2", "GTC A", "BLP AL", "PRP MOB Y", "LSG 0 Other%20Contacts 0", "LSG 1 Family 0", "LST ned@example.com Ned 1 1");

            // The next group takes the smallest free id again, and the version continues.
            await mia2.SendAsync("ADG 6 Work 0\r\n");
            await mia2.ExpectAsync("ADG 6 7 Work 2 0");
            await using var ned = await SignIn.TweenerAsync(again, "ned@example.com");
            await ned.SendAsync("SYN 5 0\r\n");
            await ned.ExpectAsync("SYN 5 1 1 1", "GTC A", "BLP AL", "LSG 0 Other%20Contacts 0", "LST mia@example.com Mia 8");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
