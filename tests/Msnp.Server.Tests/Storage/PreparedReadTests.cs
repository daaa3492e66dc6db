using Msnp.Server.Storage;

namespace Msnp.Server.Tests.Storage;

/// <summary>
/// Single-statement reads on SQLite run on kept connections whose statements stay prepared: they
/// must still see every change as soon as it is committed, by this store, another store or another
/// program on the same file (a ticket is checked against the security stamp stored now), and a
/// failed read or a closed store must leave nothing behind.
/// </summary>
public sealed class PreparedReadTests
{
    [Fact]
    public async Task A_repeated_account_read_sees_a_new_security_stamp_written_by_another_store_at_once()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");
        var other = await temp.OpenAnotherAsync();

        var first = await temp.Accounts.FindAsync("alice@example.com");
        var again = await temp.Accounts.FindAsync("alice@example.com");
        Assert.NotNull(first);
        Assert.True(first.SecurityStamp.Span.SequenceEqual(again!.SecurityStamp.Span));

        // A password change elsewhere replaces the stamp: the very next read here has the new one.
        Assert.True(await other.Accounts.SetPasswordAsync("alice@example.com", "another password"));
        var changed = await temp.Accounts.FindAsync("alice@example.com");
        var expected = await other.Accounts.FindAsync("alice@example.com");
        Assert.False(first.SecurityStamp.Span.SequenceEqual(changed!.SecurityStamp.Span));
        Assert.True(expected!.SecurityStamp.Span.SequenceEqual(changed.SecurityStamp.Span));
    }

    [Fact]
    public async Task A_repeated_read_sees_rows_another_program_changed_and_removed()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");
        Assert.NotNull(await temp.Accounts.FindAsync("alice@example.com"));

        await temp.RawScalarAsync("UPDATE accounts SET friendly_name = 'Changed%20Elsewhere' WHERE email = 'alice@example.com';");
        Assert.Equal("Changed%20Elsewhere", (await temp.Accounts.FindAsync("alice@example.com"))!.FriendlyName);

        await temp.RawScalarAsync("DELETE FROM accounts WHERE email = 'alice@example.com';");
        Assert.Null(await temp.Accounts.FindAsync("alice@example.com"));
    }

    [Fact]
    public async Task A_cancelled_read_leaves_the_next_read_working()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");
        Assert.NotNull(await temp.Accounts.FindAsync("alice@example.com"));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => temp.Accounts.FindAsync("alice@example.com", cancelled.Token));
        Assert.NotNull(await temp.Accounts.FindAsync("alice@example.com"));
    }

    [Fact]
    public async Task Closing_the_store_closes_its_kept_read_connections()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.CreateUsersAsync("alice");

        // Several reads at once keep several connections.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => temp.Accounts.FindAsync("alice@example.com"))));
        Assert.NotEmpty(OpenHandles(temp.DatabasePath));

        temp.Store.Dispose();
        Assert.Empty(OpenHandles(temp.DatabasePath));
    }

    // This process's open file descriptors on the database file (Linux: /proc/self/fd).
    private static List<string> OpenHandles(string path)
    {
        var full = Path.GetFullPath(path);
        var handles = new List<string>();
        foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target == full)
                {
                    handles.Add(fd);
                }
            }
            catch (IOException)
            {
                // A descriptor closed while listing.
            }
        }

        return handles;
    }
}
