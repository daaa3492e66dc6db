using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Presence;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// Who sees whom (catalogue §5.7, §5.8): a viewer gets a contact's presence only when the contact
/// is on the viewer's FL and the contact allows the viewer through AL, BL and BLP; hidden,
/// blocking and disallowing contacts look offline.
/// </summary>
public sealed class PrivacyVisibilityTests
{
    // Olga is watched; Vic has her on his FL. Both signed in (MSNP8), not yet online, nothing unread.
    private static async Task<(Scene Scene, LineClient Olga, LineClient Vic)> StartAsync(params string[] others)
    {
        var scene = await Scene.StartAsync(["olga", "vic", .. others]);
        var olga = await scene.SignInAsync("olga");
        var vic = await scene.SignInAsync("vic");
        await vic.SendAsync("ADD 5 FL olga@example.com Olga 0\r\n");
        await vic.ExpectAsync("ADD 5 FL 1 olga@example.com Olga 0");
        await olga.ExpectAsync("ADD 0 RL 1 vic@example.com Vic");
        return (scene, olga, vic);
    }

    // The server has processed a disconnect once the account left the presence registry.
    private static async Task WaitUntilGoneAsync(TestServer server, string account)
    {
        var directory = server.Host.Services.GetRequiredService<IPresenceDirectory>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await directory.FindAsync(account) is not null)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static async Task GoOnlineAsync(LineClient client, uint trId, string status = "NLN", params string[] initialPresence)
    {
        await client.SendAsync($"CHG {trId} {status} 0\r\n");
        await client.ExpectAsync([$"CHG {trId} {status} 0", .. initialPresence]);
        await client.SkipChallengeAsync();
    }

    [Fact]
    public async Task Blp_BL_hides_from_everyone_not_on_the_AL_and_an_AL_entry_reveals()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;

        await olga.SendAsync("BLP 6 BL\r\n");
        await olga.ExpectAsync("BLP 6 2 BL");
        await GoOnlineAsync(olga, 7);

        // No ILN for Olga, who does not allow Vic.
        await GoOnlineAsync(vic, 6);
        await vic.ExpectQuietAsync();

        // Olga allows Vic: he sees her at once; removing the AL entry hides her again.
        await olga.SendAsync("ADD 8 AL vic@example.com Vic\r\n");
        await olga.ExpectAsync("ADD 8 AL 3 vic@example.com Vic");
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");
        await olga.SendAsync("REM 9 AL vic@example.com\r\n");
        await olga.ExpectAsync("REM 9 AL 4 vic@example.com");
        await vic.ExpectAsync("FLN olga@example.com");

        // Back to BLP AL: everyone not blocked sees her.
        await olga.SendAsync("BLP 10 AL\r\n");
        await olga.ExpectAsync("BLP 10 5 AL");
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");
    }

    [Fact]
    public async Task With_Blp_BL_an_AL_entry_gives_the_ILN_at_the_first_CHG()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;

        await olga.SendAsync("BLP 6 BL\r\n");
        await olga.ExpectAsync("BLP 6 2 BL");
        await olga.SendAsync("ADD 7 AL vic@example.com Vic\r\n");
        await olga.ExpectAsync("ADD 7 AL 3 vic@example.com Vic");
        await GoOnlineAsync(olga, 8);
        await GoOnlineAsync(vic, 6, "NLN", "ILN 6 NLN olga@example.com Olga 0");
    }

    [Fact]
    public async Task A_BL_entry_overrides_Blp_AL_and_suppresses_the_ILN()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;

        await olga.SendAsync("ADD 6 BL vic@example.com Vic\r\n");
        await olga.ExpectAsync("ADD 6 BL 2 vic@example.com Vic");
        await GoOnlineAsync(olga, 7);
        await GoOnlineAsync(vic, 6);
        await vic.ExpectQuietAsync();

        // Status changes of a blocking contact are not delivered either.
        await olga.SendAsync("CHG 8 AWY 0\r\n");
        await olga.ExpectAsync("CHG 8 AWY 0");
        await olga.ExpectQuietAsync();
        await vic.ExpectQuietAsync();

        // Unblocking shows her again.
        await olga.SendAsync("REM 9 BL vic@example.com\r\n");
        await olga.ExpectAsync("REM 9 BL 3 vic@example.com");
        await vic.ExpectAsync("NLN AWY olga@example.com Olga 0");
    }

    [Fact]
    public async Task An_AL_entry_under_Blp_AL_changes_nothing_the_viewer_sees()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;

        await GoOnlineAsync(olga, 6);
        await GoOnlineAsync(vic, 6, "NLN", "ILN 6 NLN olga@example.com Olga 0");
        await olga.SendAsync("ADD 7 AL vic@example.com Vic\r\n");
        await olga.ExpectAsync("ADD 7 AL 2 vic@example.com Vic");
        await olga.SendAsync("REM 8 AL vic@example.com\r\n");
        await olga.ExpectAsync("REM 8 AL 3 vic@example.com");
        await olga.SendAsync("BLP 9 BL\r\n");
        await olga.ExpectAsync("BLP 9 4 BL");
        await vic.ExpectAsync("FLN olga@example.com");
        await olga.SendAsync("BLP 10 AL\r\n");
        await olga.ExpectAsync("BLP 10 5 AL");
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");
        await vic.ExpectQuietAsync();
    }

    [Fact]
    public async Task Hidden_users_look_offline_cannot_open_a_switchboard_and_reappear_with_NLN()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;

        await GoOnlineAsync(vic, 6);
        await GoOnlineAsync(olga, 6);
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");

        await olga.SendAsync("CHG 7 HDN 0\r\n");
        await olga.ExpectAsync("CHG 7 HDN 0");
        await vic.ExpectAsync("FLN olga@example.com");
        await olga.SendAsync("XFR 8 SB\r\n");
        await olga.ExpectAsync("913 8");

        // While hidden, name and privacy changes reveal nothing.
        await olga.SendAsync("REA 9 olga@example.com Hidden%20Olga\r\n");
        await olga.ExpectAsync("REA 9 2 olga@example.com Hidden%20Olga");
        await olga.SendAsync("BLP 10 BL\r\n");
        await olga.ExpectAsync("BLP 10 3 BL");
        await olga.SendAsync("BLP 11 AL\r\n");
        await olga.ExpectAsync("BLP 11 4 AL");
        await vic.ExpectQuietAsync();

        // A viewer signing in now gets no ILN for her.
        await vic.SendAsync("OUT\r\n");
        Assert.True(await vic.IsClosedAsync());
        var vic2 = await scene.SignInAsync("vic");
        await GoOnlineAsync(vic2, 5);
        await vic2.ExpectQuietAsync();

        await olga.SendAsync("CHG 12 NLN 0\r\n");
        await olga.ExpectAsync("CHG 12 NLN 0");
        await vic2.ExpectAsync("NLN NLN olga@example.com Hidden%20Olga 0");
        await olga.SendAsync("XFR 13 SB\r\n");
        Assert.Matches(@"^XFR 13 SB 127\.0\.0\.1:\d+ CKI \S+$", await olga.ReadLineAsync());
    }

    [Fact]
    public async Task Going_hidden_from_the_start_sends_nothing_and_disconnecting_while_hidden_sends_no_FLN()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;

        await GoOnlineAsync(vic, 6);
        await GoOnlineAsync(olga, 6, "HDN");
        await vic.ExpectQuietAsync();
        await olga.DisposeAsync();
        await WaitUntilGoneAsync(scene.Server, "olga@example.com");

        // Vic's next line is his own ping answer, not an FLN for someone he never saw.
        await vic.ExpectQuietAsync();
    }

    [Fact]
    public async Task Adding_an_online_allowing_contact_to_the_FL_gives_an_ILN_with_the_ADD_trid()
    {
        await using var scene = await Scene.StartAsync("olga", "vic", "walt", "xena");
        var olga = await scene.SignInAsync("olga");
        var walt = await scene.SignInAsync("walt");
        var xena = await scene.SignInAsync("xena", "MSNP9");
        var vic = await scene.SignInAsync("vic");
        await GoOnlineAsync(olga, 5, "BSY");
        await walt.SendAsync("BLP 5 BL\r\n");
        await walt.ExpectAsync("BLP 5 1 BL");
        await GoOnlineAsync(walt, 6);
        await GoOnlineAsync(xena, 5, "HDN");
        await GoOnlineAsync(vic, 5);

        await vic.SendAsync("ADD 6 FL olga@example.com Olga 0\r\n");
        await vic.ExpectAsync("ADD 6 FL 1 olga@example.com Olga 0", "ILN 6 BSY olga@example.com Olga 0");
        await olga.ExpectAsync("ADD 0 RL 1 vic@example.com Vic");

        // Walt does not allow Vic and Xena is hidden: no ILN for either.
        await vic.SendAsync("ADD 7 FL walt@example.com Walt 0\r\n");
        await vic.ExpectAsync("ADD 7 FL 2 walt@example.com Walt 0");
        await vic.SendAsync("ADD 8 FL xena@example.com Xena 0\r\n");
        await vic.ExpectAsync("ADD 8 FL 3 xena@example.com Xena 0");
        await vic.ExpectQuietAsync();

        // Adding to another group of an FL contact is not a new contact: no second ILN.
        await vic.SendAsync("ADG 9 Work 0\r\n");
        await vic.ExpectAsync("ADG 9 4 Work 1 0");
        await vic.SendAsync("ADD 10 FL olga@example.com Olga 1\r\n");
        await vic.ExpectAsync("ADD 10 FL 5 olga@example.com Olga 1");
        await vic.ExpectQuietAsync();
    }

    [Fact]
    public async Task Adding_to_the_FL_before_the_first_CHG_gives_no_ILN_the_burst_does()
    {
        var (scene, olga, vic) = await StartAsync("walt");
        await using var _ = scene;
        var walt = await scene.SignInAsync("walt");
        await GoOnlineAsync(walt, 5);

        await olga.SendAsync("ADD 6 FL walt@example.com Walt 0\r\n");
        await olga.ExpectAsync("ADD 6 FL 2 walt@example.com Walt 0");
        await olga.ExpectQuietAsync();
        await GoOnlineAsync(olga, 7, "NLN", "ILN 7 NLN walt@example.com Walt 0");
    }

    [Fact]
    public async Task Disconnecting_and_signing_out_send_FLN_to_viewers()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;
        await GoOnlineAsync(vic, 6);
        await GoOnlineAsync(olga, 6);
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");

        // The socket just drops.
        await olga.DisposeAsync();
        await vic.ExpectAsync("FLN olga@example.com");

        var again = await scene.SignInAsync("olga");
        await GoOnlineAsync(again, 5);
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");
        await again.SendAsync("OUT\r\n");
        Assert.True(await again.IsClosedAsync());
        await vic.ExpectAsync("FLN olga@example.com");
    }

    [Fact]
    public async Task A_second_sign_in_ends_the_old_presence_with_FLN_until_the_new_session_sets_one()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;
        await GoOnlineAsync(vic, 6);
        await GoOnlineAsync(olga, 6);
        await vic.ExpectAsync("NLN NLN olga@example.com Olga 0");

        var olga2 = await scene.SignInAsync("olga", "MSNP9");
        await olga.ExpectAsync("OUT OTH");
        await vic.ExpectAsync("FLN olga@example.com");
        await GoOnlineAsync(olga2, 5, "AWY");
        await vic.ExpectAsync("NLN AWY olga@example.com Olga 0");
    }

    [Fact]
    public async Task A_friendly_name_change_reaches_viewers_as_NLN()
    {
        var (scene, olga, vic) = await StartAsync();
        await using var _ = scene;
        await GoOnlineAsync(vic, 6);
        await GoOnlineAsync(olga, 6, "BSY");
        await vic.ExpectAsync("NLN BSY olga@example.com Olga 0");

        await olga.SendAsync("REA 7 olga@example.com Olga%20the%20Great\r\n");
        await olga.ExpectAsync("REA 7 2 olga@example.com Olga%20the%20Great");
        await vic.ExpectAsync("NLN BSY olga@example.com Olga%20the%20Great 0");

        // Renaming a contact (a nickname) is private: nobody else hears of it.
        await olga.SendAsync("ADD 8 FL vic@example.com Vic 0\r\n");
        await olga.ExpectAsync("ADD 8 FL 3 vic@example.com Vic 0", "ILN 8 NLN vic@example.com Vic 0");
        await vic.ExpectAsync("ADD 0 RL 2 olga@example.com Olga%20the%20Great");
        await olga.SendAsync("REA 9 vic@example.com Victor\r\n");
        await olga.ExpectAsync("REA 9 4 vic@example.com Victor");
        await vic.ExpectQuietAsync();
    }
}
