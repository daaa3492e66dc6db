using System.Diagnostics;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Cli.Tests;

/// <summary><c>msnp user</c> as a real process: the server's settings, names as people type them, JSON, refusals, the password prompt.</summary>
public sealed class UserProcessTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    private string Data => Path.Combine(_dir.Path, "data");

    [Fact]
    public async Task Names_with_spaces_are_stored_for_the_wire_and_listed_as_typed()
    {
        Assert.Equal((0, "added carol@example.com\n", ""), await MsnpProcess.RunAsync(null, "user", "add", "carol@example.com", "--password", "pw", "--name", "Carol C", "--data", Data));

        var (code, output, _) = await MsnpProcess.RunAsync(null, "user", "list", "--data", Data);
        Assert.Equal(0, code);
        Assert.StartsWith("carol@example.com\tCarol C\t", output, StringComparison.Ordinal);

        (code, output, _) = await MsnpProcess.RunAsync(null, "user", "list", "--json", "--data", Data);
        Assert.Equal(0, code);
        Assert.Matches("""^\{"email":"carol@example.com","name":"Carol C","created":"\d{4}-[^"]+"\}\n$""", output);

        // What a client sees on the wire: the encoded form.
        using var store = await SqliteStore.OpenAsync(new StorageOptions { DataDirectory = Data });
        Assert.Equal("Carol%20C", (await store.Accounts.FindAsync("carol@example.com"))!.FriendlyName);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("passwd", "bob@example.com", "--password", "x")]
    [InlineData("remove", "bob@example.com")]
    public async Task A_data_directory_that_does_not_exist_is_refused_not_created(params string[] verb)
    {
        var (code, output, error) = await MsnpProcess.RunAsync(null, ["user", .. verb, "--data", Data]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"msnp user {verb[0]}: no server data in {Data}. Give the directory msnp serve uses with --data DIR (or Msnp:DataDirectory), or add a user first.\n", error);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task The_data_directory_comes_from_the_same_settings_as_serve()
    {
        // appsettings.json in the working directory, as serve reads it.
        var work = Directory.CreateDirectory(Path.Combine(_dir.Path, "work")).FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "appsettings.json"), """{ "Msnp": { "DataDirectory": "from-appsettings" } }""");
        var start = MsnpProcess.StartInfo(new Dictionary<string, string?> { ["MSNP_PASSWORD"] = "pw" }, "user", "add", "dave@example.com");
        start.WorkingDirectory = work;
        using (var process = Process.Start(start)!)
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        Assert.True(File.Exists(Path.Combine(work, "from-appsettings", "msnp.db")));

        // The environment variable, as serve reads it.
        var environment = new Dictionary<string, string?> { ["Msnp__DataDirectory"] = Data };
        Assert.Equal(0, (await MsnpProcess.RunAsync(environment, null, "user", "add", "erin@example.com", "--password", "pw")).ExitCode);
        var (_, listed, _) = await MsnpProcess.RunAsync(environment, null, "user", "list");
        Assert.StartsWith("erin@example.com\t", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_an_existing_account_says_so_in_words()
    {
        Assert.Equal(0, (await MsnpProcess.RunAsync(null, "user", "add", "bob@example.com", "--password", "pw", "--data", Data)).ExitCode);

        var (code, _, error) = await MsnpProcess.RunAsync(null, "user", "add", "bob@example.com", "--password", "pw", "--data", Data);

        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Equal("msnp user add: bob@example.com already exists (msnp user passwd changes its password).\n", error);
    }

    [Fact]
    public async Task On_a_terminal_a_missing_password_is_asked_for_without_echo()
    {
        var environment = new Dictionary<string, string?> { ["MSNP_PASSWORD"] = null };

        var (code, screen) = await Pty.RunAsync([("password for frank@example.com: ", "hunter2secret\r"), ("Again: ", "hunter2secret\r")], environment, "user", "add", "frank@example.com", "--data", Data);

        Assert.True(code == 0, screen);
        Assert.Contains("New password for frank@example.com: ", screen, StringComparison.Ordinal);
        Assert.Contains("added frank@example.com", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", screen, StringComparison.Ordinal);
        using var store = await SqliteStore.OpenAsync(new StorageOptions { DataDirectory = Data });
        Assert.True(await store.Accounts.VerifyPasswordAsync("frank@example.com", "hunter2secret"));
    }

    public void Dispose() => _dir.Dispose();
}
