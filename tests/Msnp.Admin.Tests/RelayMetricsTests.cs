using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Msnp.Admin.Tests.Support;
using Msnp.Client.Conversations;
using Msnp.Client.Events;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Admin.Tests;

/// <summary>A real conversation shows up in the switchboard count and the relay metrics.</summary>
public sealed class RelayMetricsTests
{
    [Fact]
    public async Task A_conversation_counts_as_a_switchboard_and_its_messages_as_relayed()
    {
        await using var server = await AdminServer.StartAsync();
        await server.CreateUserAsync("alice@example.com");
        await server.CreateUserAsync("bob@example.com");
        await using var alice = await server.SignInAsync("alice@example.com");
        await using var bob = await server.SignInAsync("bob@example.com");
        await alice.SetStatusAsync(PresenceStatus.Online);
        await bob.SetStatusAsync(PresenceStatus.Online);
        var received = new TaskCompletionSource<MessageReceivedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bobSide = new TaskCompletionSource<Conversation>(TaskCreationOptions.RunContinuationsAsynchronously);
        bob.ConversationInvited += async (_, e) =>
        {
            var conversation = await e.AcceptAsync();
            conversation.MessageReceived += (_, m) => received.TrySetResult(m);
            bobSide.TrySetResult(conversation);
        };

        using var http = server.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        var before = RelayedTotal(await http.GetStringAsync("/metrics"));

        await using var conversation = await alice.StartConversationAsync("bob@example.com");
        await using var bobConversation = await bobSide.Task.Within();
        await conversation.SendTextAsync("hello bob");
        await received.Task.Within();

        using (var status = JsonDocument.Parse(await http.GetStringAsync("/api/status")))
        {
            Assert.Equal(1, status.RootElement.GetProperty("switchboards").GetInt32());
            Assert.Equal(2, status.RootElement.GetProperty("online").GetInt32());
        }

        var text = await http.GetStringAsync("/metrics");
        Assert.True(RelayedTotal(text) >= before + 1, text);
        Assert.Contains("msnp_switchboards", text, StringComparison.Ordinal);
    }

    private static double RelayedTotal(string scrape)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith("msnp_messages_relayed_total", StringComparison.Ordinal))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
