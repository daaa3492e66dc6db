using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Msnp.Server.Storage;

namespace Msnp.Server.Tests.Storage;

public sealed class SecretStorageTests
{
    private const string Password = "Zebra-Marmalade-7731-unique";

    [Fact]
    public async Task The_password_never_appears_in_the_database_files()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Accounts.CreateAsync("alice@example.com", Password);
        await temp.Accounts.CreateAsync("bob@example.com", "first-" + Password);
        await temp.Accounts.SetPasswordAsync("bob@example.com", Password + "-second");
        Assert.True(await temp.Accounts.VerifyPasswordAsync("alice@example.com", Password));
        Assert.Equal(Password, await temp.Accounts.GetLegacySecretAsync("alice@example.com"));

        var files = Directory.GetFiles(temp.Directory, "msnp.db*");
        Assert.Contains(temp.DatabasePath, files);
        var needles = new[]
        {
            Encoding.UTF8.GetBytes(Password),
            Encoding.UTF8.GetBytes("first-" + Password),
            Encoding.Unicode.GetBytes(Password),
        };
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var needle in needles)
            {
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} contains the password");
            }

            Assert.DoesNotContain(Password, Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        }

        // The account really is in there, so the search above looked at the right bytes.
        var all = await Task.WhenAll(files.Select(ReadSharedAsync));
        Assert.Contains(all, b => b.AsSpan().IndexOf("alice@example.com"u8) >= 0);
    }

    [Fact]
    public async Task The_key_file_is_32_bytes_readable_only_by_its_owner()
    {
        await using var temp = await TempStore.CreateAsync();
        var keyPath = Path.Combine(temp.Directory, "secret.key");

        Assert.Equal(32, new FileInfo(keyPath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.DatabasePath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(temp.Directory));
        }

        Assert.Empty(Directory.GetFiles(temp.Directory, "*.tmp"));
    }

    [Fact]
    public async Task A_key_file_of_the_wrong_length_is_refused_and_left_alone()
    {
        await using var temp = await TempStore.CreateAsync();
        var keyPath = Path.Combine(temp.Directory, "secret.key");
        temp.Store.Dispose();
        await File.WriteAllBytesAsync(keyPath, new byte[16]);

        await Assert.ThrowsAsync<InvalidDataException>(() => temp.OpenAnotherAsync());
        Assert.Equal(new byte[16], await File.ReadAllBytesAsync(keyPath));
    }

    [Fact]
    public async Task Reopening_reuses_the_key_so_secrets_still_decrypt()
    {
        await using var temp = await TempStore.CreateAsync();
        var keyPath = Path.Combine(temp.Directory, "secret.key");
        var key = await File.ReadAllBytesAsync(keyPath);
        await temp.Accounts.CreateAsync("alice@example.com", Password);

        var second = await temp.OpenAnotherAsync();

        Assert.Equal(key, await File.ReadAllBytesAsync(keyPath));
        Assert.Equal(Password, await second.Accounts.GetLegacySecretAsync("alice@example.com"));
    }

    [Fact]
    public async Task Each_record_uses_its_own_nonce()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Accounts.CreateAsync("alice@example.com", Password);
        await temp.Accounts.CreateAsync("bob@example.com", Password);

        var records = await LegacyRecordsAsync(temp.DatabasePath);

        Assert.Equal(2, records.Count);
        Assert.NotEqual(records[0].AsSpan(1, 12).ToArray(), records[1].AsSpan(1, 12).ToArray());
        Assert.NotEqual(records[0], records[1]);
    }

    [Fact]
    public async Task A_different_key_is_refused_when_the_store_opens()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Accounts.CreateAsync("alice@example.com", Password);
        await File.WriteAllBytesAsync(Path.Combine(temp.Directory, "secret.key"), RandomNumberGenerator.GetBytes(32));

        // Opening would otherwise succeed and every MD5 sign-in fail later (docs/storage.md).
        var refused = await Assert.ThrowsAsync<DataDirectoryException>(() => temp.OpenAnotherAsync());
        Assert.Contains("secret.key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_moved_to_another_account_does_not_decrypt()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Accounts.CreateAsync("alice@example.com", Password);
        await temp.Accounts.CreateAsync("bob@example.com", "bob's");

        await using (var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE accounts SET legacy_secret = (SELECT legacy_secret FROM accounts WHERE email = 'alice@example.com') WHERE email = 'bob@example.com';";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAnyAsync<CryptographicException>(() => temp.Accounts.GetLegacySecretAsync("bob@example.com"));
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<List<byte[]>> LegacyRecordsAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT legacy_secret FROM accounts ORDER BY email;";
        await using var reader = await command.ExecuteReaderAsync();
        var records = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            records.Add((byte[])reader.GetValue(0));
        }

        return records;
    }
}
