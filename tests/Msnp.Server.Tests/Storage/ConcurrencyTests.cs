using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;
using static Msnp.Server.Tests.Storage.TempStore;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class ConcurrencyTests(StoreBackend backend)
{
    public sealed class OnSqlite() : ConcurrencyTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : ConcurrencyTests(StoreBackend.Postgres);

    // Writers queue on one writer lock for at most the busy timeout (10 s, docs/storage.md). Hundreds
    // started at once on a loaded machine measure that queue, not the version rule under test; 16 in
    // flight from two instances still overlap on every change.
    private const int InFlight = 16;

    private static async Task<T[]> OverlappingAsync<T>(int count, Func<int, Task<T>> change)
    {
        using var gate = new SemaphoreSlim(InFlight);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await Task.Run(() => change(i));
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    [Fact]
    public async Task Concurrent_changes_from_two_store_instances_get_distinct_consecutive_versions()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice");
        var other = await temp.OpenAnotherAsync();
        var stores = new[] { temp.Contacts, other.Contacts };
        // Enough overlap that deferred (read-then-upgrade) transactions fail here with "database is locked".
        const int changes = 400;

        var results = await OverlappingAsync(changes, i => stores[i % 2].SetPhoneAsync(Email("alice"), (PhoneKind)(i % 3), "n" + i));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(Enumerable.Range(1, changes).Select(v => (uint)v), results.Select(r => r.Version).Order());
        Assert.Equal((uint)changes, await temp.VersionOf("alice"));
    }

    [Fact]
    public async Task Crossing_FL_adds_from_two_instances_lose_no_version_bump()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        var users = Enumerable.Range(0, 10).Select(i => "u" + i).ToArray();
        await temp.CreateUsersAsync(users);
        var other = await temp.OpenAnotherAsync();

        // Every user adds every other user: i→j through one instance while j→i goes through the other.
        var work = from a in users
                   from b in users
                   where a != b
                   select (Owner: a, Contact: b, Store: string.CompareOrdinal(a, b) < 0 ? temp.Contacts : other.Contacts);
        var list = work.ToArray();
        var results = await OverlappingAsync(list.Length, async i =>
            (list[i].Owner, Result: await list[i].Store.AddAsync(Email(list[i].Owner), ListKind.Forward, Email(list[i].Contact), list[i].Contact)));

        Assert.All(results, r => Assert.True(r.Result.Succeeded));
        int perUser = 2 * (users.Length - 1); // one FL change and one RL change per other user
        foreach (var user in users)
        {
            var seen = results.Where(r => r.Owner == user).Select(r => r.Result.Version)
                .Concat(results.SelectMany(r => r.Result.ReverseListChanges).Where(c => c.Account == Email(user)).Select(c => c.Version))
                .Order();
            Assert.Equal(Enumerable.Range(1, perUser).Select(v => (uint)v), seen);
            Assert.Equal((uint)perUser, await temp.VersionOf(user));

            var snapshot = (await temp.Contacts.GetSnapshotAsync(Email(user)))!;
            Assert.All(snapshot.Contacts, c => Assert.Equal(ListKind.Forward | ListKind.Reverse, c.Lists));
            Assert.Equal(users.Length - 1, snapshot.Contacts.Count);
        }
    }
}
