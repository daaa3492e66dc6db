using System.CommandLine;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Sqlite;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp user add|list|passwd|remove</c>: manages accounts in the server's store. Safe while
/// the server runs: SQLite in WAL mode serialises writers across processes.
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var user = new Command("user", "Manage accounts in the server's data directory (works while the server runs).");
        user.Subcommands.Add(Add());
        user.Subcommands.Add(List());
        user.Subcommands.Add(Passwd());
        user.Subcommands.Add(Remove());
        return user;
    }

    private static Command Add()
    {
        var email = new Argument<string>("EMAIL") { Description = "The account (passport address)." };
        var password = PasswordOption();
        var name = new Option<string?>("--name") { Description = "Friendly name (default: the account)." };
        var data = DataOption.Create();
        var command = new Command("add", "Create an account.") { email, password, name, data };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryPassword(parse, password, out var pw))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("msnp user add: --password is required (or set MSNP_PASSWORD).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var store = await OpenAsync(parse.GetValue(data)!, ct).ConfigureAwait(false);
            var result = await store.Accounts.CreateAsync(parse.GetValue(email)!, pw, parse.GetValue(name), ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"msnp user add: {result.Error}").ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"added {result.Account!.Email}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var data = DataOption.Create();
        var command = new Command("list", "List accounts, one per line: account, friendly name, creation time.") { data };
        command.SetAction(async (parse, ct) =>
        {
            using var store = await OpenAsync(parse.GetValue(data)!, ct).ConfigureAwait(false);
            foreach (var account in await store.Accounts.ListAsync(ct).ConfigureAwait(false))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{account.Email}\t{account.FriendlyName}\t{account.CreatedAt:u}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Passwd()
    {
        var email = new Argument<string>("EMAIL") { Description = "The account." };
        var password = PasswordOption();
        var data = DataOption.Create();
        var command = new Command("passwd", "Set an account's password.") { email, password, data };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryPassword(parse, password, out var pw))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("msnp user passwd: --password is required (or set MSNP_PASSWORD).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var store = await OpenAsync(parse.GetValue(data)!, ct).ConfigureAwait(false);
            return await Report(parse, await store.Accounts.SetPasswordAsync(parse.GetValue(email)!, pw, ct).ConfigureAwait(false), "password changed", parse.GetValue(email)!).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Remove()
    {
        var email = new Argument<string>("EMAIL") { Description = "The account." };
        var data = DataOption.Create();
        var command = new Command("remove", "Delete an account and remove it from everyone's lists.") { email, data };
        command.SetAction(async (parse, ct) =>
        {
            using var store = await OpenAsync(parse.GetValue(data)!, ct).ConfigureAwait(false);
            return await Report(parse, await store.Accounts.RemoveAsync(parse.GetValue(email)!, ct).ConfigureAwait(false), "removed", parse.GetValue(email)!).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> Report(ParseResult parse, bool ok, string what, string email)
    {
        if (ok)
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{what}: {email}").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await parse.InvocationConfiguration.Error.WriteLineAsync($"msnp user: no such account: {email}").ConfigureAwait(false);
        return ExitCodes.InvalidInput;
    }

    private static Option<string?> PasswordOption() =>
        new("--password") { Description = "The password (or set MSNP_PASSWORD)." };

    private static bool TryPassword(ParseResult parse, Option<string?> option, out string password)
    {
        password = parse.GetValue(option) ?? Environment.GetEnvironmentVariable("MSNP_PASSWORD") ?? string.Empty;
        return password.Length > 0;
    }

    private static Task<SqliteStore> OpenAsync(string dataDirectory, CancellationToken ct) =>
        SqliteStore.OpenAsync(new StorageOptions { DataDirectory = dataDirectory }, ct);
}
