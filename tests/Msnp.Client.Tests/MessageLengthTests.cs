using Msnp.Client.Tests.Support;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Messages;

namespace Msnp.Client.Tests;

/// <summary>
/// A switchboard closes the connection on a longer <c>MSG</c> than its dialect allows (1,664 bytes
/// to MSNP15, 2,048 from MSNP16), so the library refuses such a message before writing and the
/// conversation stays open.
/// </summary>
public sealed class MessageLengthTests
{
    [Theory]
    [InlineData(12, 1664)]
    [InlineData(15, 1664)]
    [InlineData(16, 2048)]
    [InlineData(18, 2048)]
    public async Task A_text_over_the_dialects_limit_is_refused_unsent_and_the_conversation_goes_on(int version, int limit)
    {
        await using var server = await TestServer.StartAsync();
        await Accounts.CreateAsync(server, "alice@example.com", "Alice");
        await Accounts.CreateAsync(server, "bob@example.com", "Bob");
        await using var alice = await Accounts.OnlineAsync(server, "alice@example.com", MsnpDialect.FromVersion(version));
        await using var bob = await Accounts.OnlineAsync(server, "bob@example.com");
        var (first, bobSide) = ConversationInbox.Next(bob);

        await using var conversation = await alice.StartConversationAsync("bob@example.com");
        Assert.Equal(limit, conversation.MaxMessagePayload);
        var tooLong = TextOfPayload(limit + 1);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => conversation.SendTextAsync(tooLong));
        Assert.Contains($"at most {limit}", refused.Message, StringComparison.Ordinal);

        // The longest text that fits goes through whole, and it is the first bob sees.
        var longest = TextOfPayload(limit);
        await conversation.SendTextAsync(longest);
        Assert.Equal(("alice@example.com", longest), await first.Within());
        await using var _ = await bobSide.Within();
    }

    // A text whose MSG payload (headers included) is exactly the given size.
    private static string TextOfPayload(int bytes)
    {
        var headers = new TextMessage(string.Empty).ToMimeMessage().ToBytes().Length;
        return new string('x', bytes - headers);
    }
}
