namespace Msnp.Cli.Tests;

/// <summary>
/// <c>msnp serve</c> and <c>msnp user</c> on a data directory this user may not use: a read-only
/// folder, another user's files, a file that is not a database. One line naming the file or folder
/// and the fix, exit 1, no stack trace. The tool runs unprivileged (as <c>nobody</c> when the tests
/// run as root), so the permissions really apply.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PermissionProcessTests : IDisposable
{
    private static readonly string[] FreePorts =
        ["--dispatch-port", "0", "--notification-port", "0", "--switchboard-port", "0", "--http-port", "0", "--https-port", "0", "--admin-port", "0"];

    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task Serve_in_a_folder_this_user_may_not_write_names_the_folder_and_the_fix()
    {
        ReadOnlyFolder();

        var (code, _, error) = await MsnpProcess.RunUnprivilegedAsync(["serve", "--data", _data.Path, .. FreePorts]);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith($"msnp serve: cannot start: cannot create files in {_data.Path}: this user (", line, StringComparison.Ordinal);
        Assert.Contains("--data", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data.Path, "msnp.db")));
    }

    [Fact]
    public async Task User_add_in_a_folder_this_user_may_not_write_names_the_folder_and_the_fix()
    {
        ReadOnlyFolder();

        var (code, output, error) = await MsnpProcess.RunUnprivilegedAsync("user", "add", "dave@example.com", "--password", "secret1", "--data", _data.Path);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith($"msnp user add: cannot create files in {_data.Path}: this user (", line, StringComparison.Ordinal);
        Assert.Contains("chmod", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", "list")]
    [InlineData("user", "add", "erin@example.com", "--password", "secret2")]
    [InlineData("serve")]
    public async Task Another_users_database_is_named_with_the_fix(params string[] verb)
    {
        await OtherUsersStoreAsync();

        var (code, _, error) = await MsnpProcess.RunUnprivilegedAsync([.. verb, "--data", _data.Path, .. verb[0] == "serve" ? FreePorts : []]);

        Assert.Equal(ExitCodes.Usage, code);
        var line = Assert.Single(MsnpProcess.Lines(error));
        var prefix = verb[0] == "serve" ? "msnp serve: cannot start: " : $"msnp user {verb[1]}: ";
        Assert.StartsWith($"{prefix}The database {Path.Combine(_data.Path, "msnp.db")} may not be read by this user", line, StringComparison.Ordinal);
        Assert.Contains("chown", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_list_on_a_file_that_is_not_a_database_names_it()
    {
        var database = Path.Combine(_data.Path, "msnp.db");
        await File.WriteAllTextAsync(database, "a shopping list, not a database\n" + new string('x', 4096));

        var (code, output, error) = await MsnpProcess.RunAsync(null, "user", "list", "--data", _data.Path);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(MsnpProcess.Lines(error));
        Assert.StartsWith($"msnp user list: The database {database} ", line, StringComparison.Ordinal);
        Assert.Contains("backup", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        File.SetUnixFileMode(_data.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _data.Dispose();
    }

    // Readable and searchable by everyone, writable by nobody but its owner (the test's user, not the tool's).
    // Run unprivileged as the owner (tests not run as root), 0555 keeps the owner out too.
    private void ReadOnlyFolder() =>
        File.SetUnixFileMode(_data.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    // A store made by this test's user (a real msnp user add), in a folder everyone may write:
    // the database and keys stay owner-only, so to the tool's user they are another user's files.
    private async Task OtherUsersStoreAsync()
    {
        var (code, _, error) = await MsnpProcess.RunAsync(null, "user", "add", "carol@example.com", "--password", "secret3", "--data", _data.Path);
        Assert.True(code == 0, error);
        File.SetUnixFileMode(_data.Path, (UnixFileMode)0b111_111_111);
        if (!Environment.IsPrivilegedProcess)
        {
            // The tool runs as this same user: a database without any permission stands in for another user's.
            File.SetUnixFileMode(Path.Combine(_data.Path, "msnp.db"), UnixFileMode.None);
        }
    }
}
