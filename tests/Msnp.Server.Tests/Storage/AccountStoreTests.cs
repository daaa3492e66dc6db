using Msnp.Protocol.Dialects.Model;
using Msnp.Server.Storage;

namespace Msnp.Server.Tests.Storage;

/// <summary>Runs on SQLite and on PostgreSQL (<see cref="OnSqlite"/>, <see cref="OnPostgres"/>).</summary>
public abstract class AccountStoreTests(StoreBackend backend)
{
    public sealed class OnSqlite() : AccountStoreTests(StoreBackend.Sqlite);

    public sealed class OnPostgres() : AccountStoreTests(StoreBackend.Postgres);

    [Fact]
    public async Task Create_normalises_the_email_and_defaults_the_friendly_name_to_it()
    {
        await using var temp = await TempStore.CreateAsync(backend);

        var result = await temp.Accounts.CreateAsync("Alice@Example.COM", "secret");

        Assert.True(result.Succeeded);
        Assert.Equal("alice@example.com", result.Account.Email);
        Assert.Equal("alice@example.com", result.Account.FriendlyName);
        var found = await temp.Accounts.FindAsync("ALICE@example.com");
        Assert.NotNull(found);
        Assert.Equal("alice@example.com", found.Email);
    }

    [Fact]
    public async Task Create_stores_the_friendly_name_in_wire_form()
    {
        await using var temp = await TempStore.CreateAsync(backend);

        await temp.Accounts.CreateAsync("bob@example.com", "secret", "Bob%20Smith");

        Assert.Equal("Bob%20Smith", (await temp.Accounts.FindAsync("bob@example.com"))!.FriendlyName);
    }

    [Theory]
    [InlineData("a@b", "pw", null, CreateAccountError.InvalidEmail)]
    [InlineData("@example.com", "pw", null, CreateAccountError.InvalidEmail)]
    [InlineData("a@@example.com", "pw", null, CreateAccountError.InvalidEmail)]
    [InlineData("a b@example.com", "pw", null, CreateAccountError.InvalidEmail)]
    [InlineData("a@example..com", "pw", null, CreateAccountError.InvalidEmail)]
    [InlineData("a@example.com", "", null, CreateAccountError.InvalidPassword)]
    [InlineData("a@example.com", "pw", "two words", CreateAccountError.InvalidFriendlyName)]
    [InlineData("a@example.com", "pw", "%E2%80%AEgnp.exe", CreateAccountError.InvalidFriendlyName)] // U+202E, escaped
    [InlineData("a@example.com", "pw", "Bob%E2%80%A8OUT", CreateAccountError.InvalidFriendlyName)]  // U+2028
    [InlineData("a@example.com", "pw", "Bob%0D%0AOUT", CreateAccountError.InvalidFriendlyName)]
    public async Task Create_refuses_invalid_input(string email, string password, string? friendlyName, CreateAccountError expected)
    {
        await using var temp = await TempStore.CreateAsync(backend);

        var result = await temp.Accounts.CreateAsync(email, password, friendlyName);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
        Assert.Empty(await temp.Accounts.ListAsync());
    }

    [Fact]
    public async Task Create_refuses_an_existing_email_in_any_case()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.Accounts.CreateAsync("alice@example.com", "one");

        var again = await temp.Accounts.CreateAsync("ALICE@example.com", "two");

        Assert.Equal(CreateAccountError.AlreadyExists, again.Error);
        Assert.True(await temp.Accounts.VerifyPasswordAsync("alice@example.com", "one"));
    }

    [Fact]
    public async Task Verify_accepts_the_right_password_only()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.Accounts.CreateAsync("alice@example.com", "correct horse");

        Assert.True(await temp.Accounts.VerifyPasswordAsync("Alice@example.com", "correct horse"));
        Assert.False(await temp.Accounts.VerifyPasswordAsync("alice@example.com", "correct hors"));
        Assert.False(await temp.Accounts.VerifyPasswordAsync("alice@example.com", "Correct horse"));
        Assert.False(await temp.Accounts.VerifyPasswordAsync("alice@example.com", ""));
        Assert.False(await temp.Accounts.VerifyPasswordAsync("nobody@example.com", "correct horse"));
        Assert.False(await temp.Accounts.VerifyPasswordAsync("not an email", "correct horse"));
    }

    [Fact]
    public async Task Verify_and_find_returns_the_account_only_for_the_right_password()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.Accounts.CreateAsync("alice@example.com", "correct horse", "Alice");
        var stored = await temp.Accounts.FindAsync("alice@example.com");

        var found = await temp.Accounts.VerifyPasswordAndFindAsync("Alice@example.com", "correct horse");
        Assert.NotNull(found);
        Assert.Equal("alice@example.com", found.Email);
        Assert.Equal("Alice", found.FriendlyName);
        Assert.Equal(stored!.SecurityStamp.ToArray(), found.SecurityStamp.ToArray());
        Assert.Null(await temp.Accounts.VerifyPasswordAndFindAsync("alice@example.com", "correct hors"));
        Assert.Null(await temp.Accounts.VerifyPasswordAndFindAsync("alice@example.com", ""));
        Assert.Null(await temp.Accounts.VerifyPasswordAndFindAsync("nobody@example.com", "correct horse"));
        Assert.Null(await temp.Accounts.VerifyPasswordAndFindAsync("not an email", "correct horse"));
    }

    [Fact]
    public async Task Set_password_replaces_the_hash_and_the_legacy_secret()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.Accounts.CreateAsync("alice@example.com", "old");

        Assert.True(await temp.Accounts.SetPasswordAsync("alice@example.com", "new"));

        Assert.False(await temp.Accounts.VerifyPasswordAsync("alice@example.com", "old"));
        Assert.True(await temp.Accounts.VerifyPasswordAsync("alice@example.com", "new"));
        Assert.Equal("new", await temp.Accounts.GetLegacySecretAsync("alice@example.com"));
        Assert.False(await temp.Accounts.SetPasswordAsync("nobody@example.com", "new"));
    }

    [Fact]
    public async Task Legacy_secret_round_trips_including_non_ascii()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.Accounts.CreateAsync("alice@example.com", "pässwörd ✓ 123");

        Assert.Equal("pässwörd ✓ 123", await temp.Accounts.GetLegacySecretAsync("ALICE@example.com"));
        Assert.Null(await temp.Accounts.GetLegacySecretAsync("nobody@example.com"));
    }

    [Fact]
    public async Task List_returns_every_account_ordered_by_email()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("carol", "alice", "bob");

        var all = await temp.Accounts.ListAsync();

        Assert.Equal(["alice@example.com", "bob@example.com", "carol@example.com"], all.Select(a => a.Email));
    }

    [Fact]
    public async Task Remove_takes_the_account_off_other_users_lists_and_bumps_their_versions()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.CreateUsersAsync("alice", "bob", "carol", "dave");
        var alice = TempStore.Email("alice");
        var bob = TempStore.Email("bob");
        await temp.Contacts.AddAsync(alice, ListKind.Forward, bob, "Bob");            // alice 1, bob 1 (RL)
        await temp.Contacts.AddAsync(TempStore.Email("carol"), ListKind.Block, bob, "Bob"); // carol 1
        await temp.Contacts.AddAsync(bob, ListKind.Forward, TempStore.Email("dave"), "Dave"); // bob 2, dave 1 (RL)

        Assert.True(await temp.Accounts.RemoveAsync(bob));

        Assert.Null(await temp.Accounts.FindAsync(bob));
        Assert.Equal(2u, await temp.VersionOf("alice"));
        Assert.Equal(2u, await temp.VersionOf("carol"));
        Assert.Equal(2u, await temp.VersionOf("dave"));
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(alice))!.Contacts);
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(TempStore.Email("carol")))!.Contacts);
        Assert.Empty((await temp.Contacts.GetSnapshotAsync(TempStore.Email("dave")))!.Contacts);
        Assert.Empty(await temp.Contacts.GetReverseListAsync(TempStore.Email("dave")));
        Assert.False(await temp.Accounts.RemoveAsync(bob));
    }

    [Fact]
    public async Task Raising_the_work_factor_rehashes_at_the_next_successful_verify()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        await temp.Accounts.CreateAsync("alice@example.com", "secret");
        var before = await RawHashAsync(temp);
        Assert.StartsWith("pbkdf2-sha256$100000$", before);

        var stronger = await temp.OpenAnotherAsync(o => o.PasswordIterations = 120_000);
        Assert.False(await stronger.Accounts.VerifyPasswordAsync("alice@example.com", "wrong"));
        Assert.Equal(before, await RawHashAsync(temp));
        Assert.True(await stronger.Accounts.VerifyPasswordAsync("alice@example.com", "secret"));

        var after = await RawHashAsync(temp);
        Assert.StartsWith("pbkdf2-sha256$120000$", after);
        Assert.True(await temp.Accounts.VerifyPasswordAsync("alice@example.com", "secret"));
    }

    [Fact]
    public async Task Work_factor_below_the_minimum_is_refused()
    {
        await using var temp = await TempStore.CreateAsync(backend);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.OpenAnotherAsync(o => o.PasswordIterations = 99_999));
    }

    [Fact]
    public async Task The_load_test_switch_admits_a_trivial_work_factor_and_the_server_setting_rehashes_it()
    {
        await using var temp = await TempStore.CreateAsync(backend);
        var cheap = await temp.OpenAnotherAsync(o =>
        {
            o.PasswordIterations = 1;
            o.AllowInsecurePasswordIterationsForLoadTests = true;
        });

        await cheap.Accounts.CreateAsync("load0@load.test", "load-password");
        Assert.StartsWith("pbkdf2-sha256$1$", await RawHashAsync(temp));

        Assert.True(await temp.Accounts.VerifyPasswordAsync("load0@load.test", "load-password"));
        Assert.StartsWith("pbkdf2-sha256$100000$", await RawHashAsync(temp));
    }

    private static async Task<string> RawHashAsync(TempStore temp) =>
        (string)(await temp.RawScalarAsync("SELECT password_hash FROM accounts;"))!;
}
