using System.CommandLine;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Msnp.Protocol.Names;
using Msnp.Server.Storage;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp user add|list|passwd|remove</c>: manages accounts in the server's store. Safe while
/// the server runs: SQLite in WAL mode, and PostgreSQL's writer lock, serialise writers across processes. The store is found
/// exactly as <c>msnp serve</c> finds it (<see cref="ServerSettings"/>).
/// </summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var user = new Command("user", "Manage accounts in the server's store: the data directory, or PostgreSQL with --postgres (works while the server runs).");
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
        var name = new Option<string?>("--name") { Description = "Friendly name as people see it, spaces allowed (default: the account).", HelpName = "NAME" };
        var data = DataOption.Create();
        var postgres = PostgresOption.Create();
        var command = new Command("add", "Create an account.") { email, password, name, data, postgres };
        command.SetAction(async (parse, ct) =>
        {
            const string verb = "msnp user add";
            var error = parse.InvocationConfiguration.Error;
            if (ReadPassword(parse, password, parse.GetValue(email)!, out var missing) is not { } pw)
            {
                await error.WriteLineAsync($"{verb}: {missing}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            // The store keeps names as they travel (URL-encoded, one token); people type them plain.
            var friendly = parse.GetValue(name);
            if (friendly is not null && DescribeName(FriendlyName.Validate(friendly)) is { } problem)
            {
                await error.WriteLineAsync($"{verb}: --name {problem}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await WithStoreAsync(parse, data, postgres, verb, mustExist: false, async store =>
            {
                var result = await store.Accounts.CreateAsync(parse.GetValue(email)!, pw, friendly is null ? null : UrlEncoding.Encode(friendly), ct).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    await error.WriteLineAsync($"{verb}: {Describe(result.Error, parse.GetValue(email)!)}").ConfigureAwait(false);
                    return ExitCodes.InvalidInput;
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync($"added {result.Account!.Email}").ConfigureAwait(false);
                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List()
    {
        var data = DataOption.Create();
        var json = new Option<bool>("--json") { Description = "One JSON object per account: {\"email\",\"name\",\"created\"}." };
        var postgres = PostgresOption.Create();
        var command = new Command("list", "List accounts, one per line: account, friendly name, creation time (UTC).") { data, postgres, json };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return await WithStoreAsync(parse, data, postgres, "msnp user list", mustExist: true, async store =>
            {
                foreach (var account in await store.Accounts.ListAsync(ct).ConfigureAwait(false))
                {
                    var name = UrlEncoding.Decode(account.FriendlyName);
                    await output.WriteLineAsync(parse.GetValue(json)
                        ? JsonSerializer.Serialize(new UserLine(account.Email, name, account.CreatedAt), UserJson.Default.UserLine)
                        : $"{account.Email}\t{name}\t{account.CreatedAt:u}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Passwd()
    {
        var email = new Argument<string>("EMAIL") { Description = "The account." };
        var password = PasswordOption();
        var data = DataOption.Create();
        var postgres = PostgresOption.Create();
        var command = new Command("passwd", "Set an account's password.") { email, password, data, postgres };
        command.SetAction(async (parse, ct) =>
        {
            const string verb = "msnp user passwd";
            if (ReadPassword(parse, password, parse.GetValue(email)!, out var missing) is not { } pw)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{verb}: {missing}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await WithStoreAsync(parse, data, postgres, verb, mustExist: true, async store =>
                await Report(parse, verb, await store.Accounts.SetPasswordAsync(parse.GetValue(email)!, pw, ct).ConfigureAwait(false), "password changed", parse.GetValue(email)!).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Remove()
    {
        var email = new Argument<string>("EMAIL") { Description = "The account." };
        var data = DataOption.Create();
        var postgres = PostgresOption.Create();
        var command = new Command("remove", "Delete an account and remove it from everyone's lists.") { email, data, postgres };
        command.SetAction(async (parse, ct) =>
            await WithStoreAsync(parse, data, postgres, "msnp user remove", mustExist: true, async store =>
                await Report(parse, "msnp user remove", await store.Accounts.RemoveAsync(parse.GetValue(email)!, ct).ConfigureAwait(false), "removed", parse.GetValue(email)!).ConfigureAwait(false)).ConfigureAwait(false));
        return command;
    }

    // Opens the store the server uses; list/passwd/remove refuse to create one where there is none,
    // which would only hide a wrong --data or working directory.
    private static async Task<int> WithStoreAsync(ParseResult parse, System.CommandLine.Option<string> data, System.CommandLine.Option<string?> postgres, string verb, bool mustExist, Func<MsnpStore, Task<int>> action)
    {
        var options = ServerSettings.Load(parse, data, postgres);
        var storage = ServerSettings.Storage(options);
        var directory = Path.GetFullPath(options.DataDirectory);
        var error = parse.InvocationConfiguration.Error;
        if (mustExist && !storage.UsesPostgres && !File.Exists(Path.Combine(directory, storage.DatabaseFileName)))
        {
            await error.WriteLineAsync($"{verb}: no server data in {directory}. Give the directory msnp serve uses with --data DIR (or Msnp:DataDirectory), or add a user first.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        MsnpStore store;
        try
        {
            store = await MsnpStore.OpenAsync(storage, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            var message = e switch
            {
                SqliteException sqlite => StartFailure.Database(sqlite, directory),
                UnauthorizedAccessException denied => StartFailure.Permission(denied, directory),
                _ => e.Message,
            };
            await error.WriteLineAsync($"{verb}: {message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (store)
        {
            return await action(store).ConfigureAwait(false);
        }
    }

    // The same rule the server applies to REA and ADG (docs/limits.md), said plainly.
    private static string? DescribeName(NameError error) => error switch
    {
        NameError.None => null,
        NameError.Empty => "cannot be empty.",
        NameError.TooLong => $"is longer than {FriendlyName.MaxEncodedBytes} bytes once encoded.",
        NameError.ForbiddenCharacter => "cannot hold control characters, line or paragraph separators (U+2028, U+2029) or bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069); other clients would show them.",
        _ => "is not valid UTF-16 text.",
    };

    private static string Describe(CreateAccountError error, string email) => error switch
    {
        CreateAccountError.InvalidEmail => $"'{email}' is not a valid account name (an e-mail address, at most 129 bytes).",
        CreateAccountError.InvalidPassword => "the password cannot be empty.",
        CreateAccountError.InvalidFriendlyName => "the friendly name is too long, or holds control characters, line separators or bidi overrides.",
        CreateAccountError.AlreadyExists => $"{email} already exists (msnp user passwd changes its password).",
        _ => $"cannot add {email}.",
    };

    private static async Task<int> Report(ParseResult parse, string verb, bool ok, string what, string email)
    {
        if (ok)
        {
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{what}: {email}").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await parse.InvocationConfiguration.Error.WriteLineAsync($"{verb}: no such account: {email}").ConfigureAwait(false);
        return ExitCodes.InvalidInput;
    }

    private static Option<string?> PasswordOption() =>
        new("--password") { Description = "The password (or set MSNP_PASSWORD; asked for on a terminal when neither is given)." };

    /// <summary>The password from the option, the variable or the prompt; null with <paramref name="problem"/> saying why not.</summary>
    private static string? ReadPassword(ParseResult parse, Option<string?> option, string email, out string problem)
    {
        problem = "--password is required (or set MSNP_PASSWORD).";
        var given = parse.GetValue(option) ?? Environment.GetEnvironmentVariable("MSNP_PASSWORD");
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        var typed = PasswordPrompt.Read($"New password for {email}: ");
        if (string.IsNullOrEmpty(typed))
        {
            return null;
        }

        var again = PasswordPrompt.Read("Again: ");
        if (again != typed)
        {
            problem = "the two passwords differ; nothing was changed.";
            return null;
        }

        return typed;
    }
}

internal sealed record UserLine(string Email, string Name, DateTimeOffset Created);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(UserLine))]
internal sealed partial class UserJson : System.Text.Json.Serialization.JsonSerializerContext;
