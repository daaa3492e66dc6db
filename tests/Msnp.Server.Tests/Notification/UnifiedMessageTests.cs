using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Storage.OfflineMessages;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Notification;

/// <summary>
/// <c>UUM</c> over real sockets: Pidgin's message to a contact it sees offline becomes an offline
/// message the contact gets at sign-in; every other form has its documented answer; and <c>UUN</c>
/// is limited per user.
/// </summary>
public sealed class UnifiedMessageTests
{
    // What Pidgin 2.10+ sends (msn_message_new_plain, msn_message_gen_payload).
    private const string PidginText =
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\nsee you tomorrow ☺";

    private static Task SendAsync(LineClient client, string command, int trId, string arguments, string payload) =>
        client.SendAsync($"{command} {trId} {arguments} {Encoding.UTF8.GetByteCount(payload)}\r\n{payload}");

    private static Task<IReadOnlyList<OfflineMessageHeader>> WaitingForAsync(Scene scene, string account) =>
        scene.Server.Host.Services.GetRequiredService<IOfflineMessageStore>().ListAsync(account);

    [Fact]
    public async Task A_text_to_an_offline_contact_is_kept_as_an_offline_message_and_told_at_sign_in()
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await PointOfPresence.SignInAsync(scene.Server, "alice@example.com");

        // Nothing answers a stored message (escargot answers nothing; Pidgin expects nothing).
        await SendAsync(alice.Client, "UUM", 5, "1:bob@example.com 1 1", PidginText);
        await alice.Client.ExpectQuietAsync();
        var header = Assert.Single(await WaitingForAsync(scene, "bob@example.com"));
        Assert.Equal("alice@example.com", header.Sender);
        Assert.Equal("Alice", header.SenderName);
        var stored = await scene.Server.Host.Services.GetRequiredService<IOfflineMessageStore>().GetAsync("bob@example.com", header.Id);
        Assert.Equal("see you tomorrow ☺", stored!.Text);

        // Bob's next sign-in lists it in the mail data, as for a message left through the sending service.
        var bob = await PointOfPresence.SignInAsync(scene.Server, "bob@example.com");
        await bob.Client.SendAsync("CHG 5 NLN 1:48\r\n");
        await bob.Client.ExpectAsync("CHG 5 NLN 1:48");
        string? data = null;
        while (data is null)
        {
            var (line, payload) = await PointOfPresence.ReadAsync(bob.Client);
            data = line.StartsWith("MSG Hotmail Hotmail ", StringComparison.Ordinal) ? payload : null;
        }

        Assert.Contains("<E>alice@example.com</E>", data, StringComparison.Ordinal);
        Assert.Contains(header.Id.ToString(), data, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_other_UUM_has_its_answer_and_stores_nothing()
    {
        await using var scene = await Scene.StartAsync("alice", "bob", "carol");
        var carol = await scene.SignInAsync("carol", "MSNP8");
        await carol.SendAsync("ADD 5 BL alice@example.com alice\r\n");
        await carol.ReadLineStartingWithAsync("ADD 5 BL ");
        var alice = await PointOfPresence.SignInAsync(scene.Server, "alice@example.com");
        var client = alice.Client;

        // A Yahoo! contact (network 32): no other network is reachable here.
        await SendAsync(client, "UUM", 5, "bob@yahoo.com 32 1", PidginText);
        await client.ExpectAsync("204 5");

        // A typing notice for someone reached through the server: dropped without an answer.
        await SendAsync(client, "UUM", 6, "1:bob@example.com 1 2", "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: alice@example.com\r\n\r\n\r\n");
        await client.ExpectQuietAsync();

        // Not a text message, or an empty one: 282.
        await SendAsync(client, "UUM", 7, "1:bob@example.com 1 1", "MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nID: 1\r\n\r\n");
        await client.ExpectAsync("282 7");
        await SendAsync(client, "UUM", 8, "1:bob@example.com 1 1", "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
        await client.ExpectAsync("282 8");

        // Nobody of that name, or someone who blocks the sender: 217 alike.
        await SendAsync(client, "UUM", 9, "1:nobody@example.com 1 1", PidginText);
        await client.ExpectAsync("217 9");
        await SendAsync(client, "UUM", 10, "1:carol@example.com 1 1", PidginText);
        await client.ExpectAsync("217 10");

        // Malformed arguments: 201; a name that is no address: 208.
        await SendAsync(client, "UUM", 11, "1:bob@example.com x 1", PidginText);
        await client.ExpectAsync("201 11");
        await SendAsync(client, "UUM", 12, "1:bob@example.com 1 0", PidginText);
        await client.ExpectAsync("201 12");
        await SendAsync(client, "UUM", 13, "1:not-an-address 1 1", PidginText);
        await client.ExpectAsync("208 13");

        Assert.Empty(await WaitingForAsync(scene, "bob@example.com"));
        Assert.Empty(await WaitingForAsync(scene, "carol@example.com"));
    }

    [Fact]
    public async Task UUM_counts_against_the_senders_offline_message_rate_and_UUN_against_its_own()
    {
        await using var scene = await Scene.StartAsync(
            o =>
            {
                o.Limits.OfflineMessageBurst = 2;
                o.Limits.OfflineMessagesPerMinute = 0.001;
                o.Limits.UserNotificationBurst = 2;
                o.Limits.UserNotificationsPerMinute = 0.001;
            },
            "alice", "bob");
        var alice = await PointOfPresence.SignInAsync(scene.Server, "alice@example.com");
        var client = alice.Client;

        await SendAsync(client, "UUM", 5, "1:bob@example.com 1 1", PidginText);
        await SendAsync(client, "UUM", 6, "1:bob@example.com 1 1", PidginText);
        await SendAsync(client, "UUM", 7, "1:bob@example.com 1 1", PidginText);
        await client.ExpectAsync("800 7");
        Assert.Equal(2, (await WaitingForAsync(scene, "bob@example.com")).Count);

        // Bob is online: two notifications reach him, the third is 800 and never arrives.
        var bob = await PointOfPresence.SignInAsync(scene.Server, "bob@example.com");
        await bob.AddContactsAsync(5, "alice@example.com");
        await bob.GoOnlineAsync(6);
        Assert.StartsWith("ADL 0 ", (await PointOfPresence.ReadAsync(client)).Line);
        for (var trId = 8; trId < 10; trId++)
        {
            await SendAsync(client, "UUN", trId, "1:bob@example.com 1", "<Data/>");
            await client.ExpectAsync($"UUN {trId} OK");
            Assert.Equal(($"UBN {alice.Handle} 1 7", "<Data/>"), await PointOfPresence.ReadAsync(bob.Client));
        }

        await SendAsync(client, "UUN", 10, "1:bob@example.com 1", "<Data/>");
        await client.ExpectAsync("800 10");
        await bob.Client.ExpectQuietAsync();
    }
}
