using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Presence;
using Msnp.Server.Storage;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Presence;

/// <summary>
/// A presence change reuses the subject's RL and own lists while its list version holds
/// (<see cref="ViewerLists"/>). These tests change the lists behind the session's back, straight in
/// the store, as another node or <c>msnp user</c> in another process would: the next change must
/// follow the stored lists, not what the first change read.
/// </summary>
public sealed class ViewerListsTests
{
    // Olga is watched; Vic has her on his FL. Both online; Olga's first change has filled the cache.
    private static async Task<(Scene Scene, LineClient Olga, LineClient Vic, IContactStore Store)> StartAsync(params string[] others)
    {
        var scene = await Scene.StartAsync(["olga", "vic", .. others]);
        var olga = await scene.SignInAsync("olga");
        var vic = await scene.SignInAsync("vic");
        await vic.SendAsync("ADD 5 FL olga@example.com Olga 0\r\n");
        await vic.ExpectAsync("ADD 5 FL 1 olga@example.com Olga 0");
        await olga.ExpectAsync("ADD 0 RL 1 vic@example.com Vic");
        await GoOnlineAsync(olga, 6, "NLN");
        await GoOnlineAsync(vic, 6, "NLN", "ILN 6 NLN olga@example.com Olga 0");
        await olga.SendAsync("CHG 7 AWY 0\r\n");
        await olga.ExpectAsync("CHG 7 AWY 0");
        await vic.ExpectAsync("NLN AWY olga@example.com Olga 0");
        Assert.True(scene.Server.Host.Services.GetRequiredService<PresenceServices>().Viewers.Holds("olga@example.com"));
        return (scene, olga, vic, scene.Server.Host.Services.GetRequiredService<IContactStore>());
    }

    private static async Task GoOnlineAsync(LineClient client, uint trId, string status, params string[] initialPresence)
    {
        await client.SendAsync($"CHG {trId} {status} 0\r\n");
        await client.ExpectAsync([$"CHG {trId} {status} 0", .. initialPresence]);
        await client.SkipChallengeAsync();
    }

    [Fact]
    public async Task A_block_made_in_the_store_hides_the_next_change_and_its_removal_shows_the_one_after()
    {
        var (scene, olga, vic, store) = await StartAsync();
        await using var _ = scene;

        Assert.True((await store.AddAsync("olga@example.com", ListKind.Block, "vic@example.com", null)).Succeeded);
        await olga.SendAsync("CHG 8 BSY 0\r\n");
        await olga.ExpectAsync("CHG 8 BSY 0");

        Assert.True((await store.RemoveAsync("olga@example.com", ListKind.Block, "vic@example.com")).Succeeded);
        await olga.SendAsync("CHG 9 IDL 0\r\n");
        await olga.ExpectAsync("CHG 9 IDL 0");

        // The BSY went nowhere: Vic's next line is the IDL.
        await vic.ExpectAsync("NLN IDL olga@example.com Olga 0");
    }

    [Fact]
    public async Task A_forward_list_entry_made_in_the_store_brings_the_new_viewer_the_next_change()
    {
        var (scene, olga, vic, store) = await StartAsync("wes");
        await using var _ = scene;
        var wes = await scene.SignInAsync("wes");
        await GoOnlineAsync(wes, 5, "NLN");

        // Wes's FL entry puts Wes on Olga's RL and moves Olga's list version; Olga's session is not told.
        Assert.True((await store.AddAsync("wes@example.com", ListKind.Forward, "olga@example.com", "Olga")).Succeeded);
        await olga.SendAsync("CHG 8 BRB 0\r\n");
        await olga.ExpectAsync("CHG 8 BRB 0");
        await vic.ExpectAsync("NLN BRB olga@example.com Olga 0");
        await wes.ExpectAsync("NLN BRB olga@example.com Olga 0");
    }

    [Fact]
    public async Task Signing_out_everywhere_drops_the_account_from_the_cache()
    {
        var (scene, olga, vic, _) = await StartAsync();
        await using var __ = scene;

        await olga.SendAsync("OUT\r\n");
        await vic.ExpectAsync("FLN olga@example.com");

        // The entry goes right after the FLN fan-out that used it.
        var viewers = scene.Server.Host.Services.GetRequiredService<PresenceServices>().Viewers;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (viewers.Holds("olga@example.com"))
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
