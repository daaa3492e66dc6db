using Msnp.Server.Storage.OfflineMessages;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>The offline-message store on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class OfflineMessageStoreTests(StoreBackend backend)
{
    public sealed class OnSqlite() : OfflineMessageStoreTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : OfflineMessageStoreTests(StoreBackend.Postgres);

    [Fact]
    public async Task A_stored_message_is_listed_fetched_and_deleted_by_its_recipient_only()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol");
        var runId = Guid.NewGuid();

        var result = await temp.Store.OfflineMessages.StoreAsync(new NewOfflineMessage(Email("alice"), "Alice ✓", Email("bob"), "hello ☕ bob", runId, 7, "127.0.0.1"));

        Assert.Equal(OfflineStoreOutcome.Stored, result.Outcome);
        var header = result.Message!;
        Assert.Equal((Email("alice"), "Alice ✓", 13), (header.Sender, header.SenderName, header.Size));
        Assert.Equal([header], await temp.Store.OfflineMessages.ListAsync(Email("bob")));
        Assert.Empty(await temp.Store.OfflineMessages.ListAsync(Email("carol")));

        var message = await temp.Store.OfflineMessages.GetAsync(Email("bob"), header.Id);
        Assert.Equal(new OfflineMessage(header, Email("bob"), "hello ☕ bob", runId, 7, "127.0.0.1"), message);

        // Someone else cannot read or delete it by its id.
        Assert.Null(await temp.Store.OfflineMessages.GetAsync(Email("carol"), header.Id));
        Assert.Equal(0, await temp.Store.OfflineMessages.DeleteAsync(Email("carol"), [header.Id]));

        Assert.Equal(1, await temp.Store.OfflineMessages.DeleteAsync(Email("bob"), [header.Id, header.Id, Guid.NewGuid()]));
        Assert.Empty(await temp.Store.OfflineMessages.ListAsync(Email("bob")));
        Assert.Null(await temp.Store.OfflineMessages.GetAsync(Email("bob"), header.Id));
    }

    [Fact]
    public async Task Messages_are_listed_oldest_first_and_survive_reopening()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(OfflineStoreOutcome.Stored, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "bob", "m" + i))).Outcome);
        }

        var other = await temp.OpenAnotherAsync();
        var listed = await other.OfflineMessages.ListAsync(Email("bob"));
        Assert.Equal(3, listed.Count);
        var texts = new List<string>();
        foreach (var h in listed)
        {
            texts.Add((await other.OfflineMessages.GetAsync(Email("bob"), h.Id))!.Text);
        }

        Assert.Equal(["m0", "m1", "m2"], texts);
    }

    [Fact]
    public async Task A_text_over_the_size_limit_is_refused_and_one_at_the_limit_is_stored()
    {
        await using var temp = await TempStore.CreateAsync(backend, o => o.MaxOfflineMessageBytes = 10);
        await temp.CreateUsersAsync("alice", "bob");

        // "é" is two UTF-8 bytes: five of them are exactly ten bytes, and one more character is over.
        Assert.Equal(OfflineStoreOutcome.Stored, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "bob", "ééééé"))).Outcome);
        Assert.Equal(OfflineStoreOutcome.TooLarge, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "bob", "éééééa"))).Outcome);
        Assert.Single(await temp.Store.OfflineMessages.ListAsync(Email("bob")));
    }

    [Fact]
    public async Task A_full_recipient_refuses_more_until_one_is_deleted_even_with_parallel_senders()
    {
        await using var temp = await TempStore.CreateAsync(backend, o => o.MaxOfflineMessagesPerRecipient = 5);
        await temp.CreateUsersAsync("alice", "bob", "carol");
        var second = await temp.OpenAnotherAsync(o => o.MaxOfflineMessagesPerRecipient = 5);

        // Twenty stores through two independent stores (two pools, as two processes): exactly five fit.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? temp.Store : second).OfflineMessages.StoreAsync(Message("alice", "bob", "n" + i))));

        Assert.Equal(5, results.Count(r => r.Outcome == OfflineStoreOutcome.Stored));
        Assert.Equal(15, results.Count(r => r.Outcome == OfflineStoreOutcome.RecipientFull));
        Assert.Equal(5, (await temp.Store.OfflineMessages.ListAsync(Email("bob"))).Count);

        // Another recipient has a count of its own.
        Assert.Equal(OfflineStoreOutcome.Stored, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "carol", "x"))).Outcome);

        var first = (await temp.Store.OfflineMessages.ListAsync(Email("bob")))[0];
        await temp.Store.OfflineMessages.DeleteAsync(Email("bob"), [first.Id]);
        Assert.Equal(OfflineStoreOutcome.Stored, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "bob", "again"))).Outcome);
    }

    [Fact]
    public async Task An_unknown_recipient_is_refused_and_a_removed_one_takes_its_messages_along()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");

        Assert.Equal(OfflineStoreOutcome.NoRecipient, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "nobody", "x"))).Outcome);
        Assert.Equal(OfflineStoreOutcome.Stored, (await temp.Store.OfflineMessages.StoreAsync(Message("alice", "bob", "x"))).Outcome);

        Assert.True(await temp.Accounts.RemoveAsync(Email("bob")));
        await temp.CreateUsersAsync("bob");
        Assert.Empty(await temp.Store.OfflineMessages.ListAsync(Email("bob")));
        Assert.Equal(0L, Convert.ToInt64(await temp.RawScalarAsync("SELECT count(*) FROM offline_messages;")));
    }

    [Fact]
    public async Task A_removed_sender_leaves_the_message_with_the_recipient()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob");
        await temp.Store.OfflineMessages.StoreAsync(Message("alice", "bob", "before I go"));

        Assert.True(await temp.Accounts.RemoveAsync(Email("alice")));

        var listed = Assert.Single(await temp.Store.OfflineMessages.ListAsync(Email("bob")));
        Assert.Equal(Email("alice"), listed.Sender);
    }

    private static NewOfflineMessage Message(string from, string to, string text) =>
        new(Email(from), from, Email(to), text, Guid.NewGuid(), 1, "127.0.0.1");
}
