using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Msnp.Cli.Admin;
using Msnp.Server.Admin;
using Msnp.Server.Admin.Operations;
using Msnp.Server.Admin.Security;
using Msnp.Server.Admin.Storage;
using Msnp.Server.Storage;

namespace Msnp.Cli;

/// <summary>
/// <c>msnp admin online|kick|broadcast|maintenance|unlock|disable|enable|add</c>: operator actions
/// on a running server through its admin API, authenticated by the token the server wrote into the
/// data directory, so on the server's machine nothing needs typing (docs/operators.md).
/// </summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var admin = new Command("admin", "Operate a running server (same --data as msnp serve): who is online, kick, broadcast, maintenance, unlock, disable/enable, add administrators.");
        admin.Subcommands.Add(Online());
        admin.Subcommands.Add(AccountVerb("kick", "Sign a user out (they receive OUT).", "api/kick"));
        admin.Subcommands.Add(Broadcast());
        admin.Subcommands.Add(Maintenance());
        admin.Subcommands.Add(AccountVerb("unlock", "Lift an account's sign-in back-off.", "api/accounts/unlock"));
        admin.Subcommands.Add(AccountVerb("disable", "Disable an account and sign it out.", "api/accounts/disable"));
        admin.Subcommands.Add(AccountVerb("enable", "Enable a disabled account.", "api/accounts/enable"));
        admin.Subcommands.Add(Add());
        return admin;
    }

    private static Command Online()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var data = DataOption.Create();
        var command = new Command("online", "List signed-in users.") { json, data };
        command.SetAction((parse, ct) => CallAsync(parse, data, "online", async (client, ct) =>
        {
            var response = await client.GetAsync("api/online", ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return response;
            }

            using var ok = response;

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
                return null;
            }

            var sessions = await response.Content.ReadFromJsonAsync<List<OnlineSession>>(JsonSerializerOptions.Web, ct).ConfigureAwait(false) ?? [];
            await output.WriteLineAsync($"{sessions.Count} online").ConfigureAwait(false);
            foreach (var s in sessions)
            {
                await output.WriteLineAsync($"  {s.Account,-32} {s.Status,-6} {s.Dialect,-7} {s.Transport,-4} {s.Remote,-22} {s.Client}").ConfigureAwait(false);
            }

            return null;
        }, ct));
        return command;
    }

    private static Command AccountVerb(string name, string description, string path)
    {
        var email = new Argument<string>("EMAIL") { Description = "The account." };
        var data = DataOption.Create();
        var command = new Command(name, description) { email, data };
        command.SetAction((parse, ct) => CallAsync(parse, data, name, (client, ct) => AsNullable(client.PostAsync(path, new { email = parse.GetValue(email) }, ct)), ct));
        return command;
    }

    private static Command Broadcast()
    {
        var text = new Argument<string>("TEXT") { Description = $"One line, at most {OperatorActions.MaxBroadcastLength} characters." };
        var data = DataOption.Create();
        var command = new Command("broadcast", "Send a system message to everyone online.") { text, data };
        command.SetAction((parse, ct) => CallAsync(parse, data, "broadcast", (client, ct) => AsNullable(client.PostAsync("api/broadcast", new { text = parse.GetValue(text) }, ct)), ct));
        return command;
    }

    private static Command Maintenance()
    {
        var minutes = new Argument<int>("MINUTES") { Description = $"Minutes until the server shuts down (1–{MaintenanceSchedule.MaxMinutes}); 0 cancels a scheduled shutdown." };
        var data = DataOption.Create();
        var command = new Command("maintenance", "Schedule a shutdown: clients show the countdown, then everyone gets OUT SSD and the server stops.") { minutes, data };
        command.SetAction((parse, ct) => CallAsync(parse, data, "maintenance", (client, ct) =>
        {
            var m = parse.GetValue(minutes);
            return AsNullable(m == 0 ? client.DeleteAsync("api/maintenance", ct) : client.PostAsync("api/maintenance", new { minutes = m }, ct));
        }, ct));
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "The administrator's name (letters, digits, . _ - @)." };
        var password = new Option<string?>("--password") { Description = "The password, at least 8 characters (or set MSNP_ADMIN_PASSWORD; asked for when neither is given)." };
        var data = DataOption.Create();
        var postgres = PostgresOption.Create();
        var command = new Command("add", "Add a console administrator (through the running server, or straight into the database when it is not running).") { name, password, data, postgres };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var pw = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("MSNP_ADMIN_PASSWORD") ?? PromptPassword();
            if (pw is null)
            {
                await error.WriteLineAsync("msnp admin add: give --password (or set MSNP_ADMIN_PASSWORD).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var adminName = parse.GetValue(name)!;
            if (!AdminStore.IsValidName(adminName) || !AdminStore.IsValidPassword(pw))
            {
                await error.WriteLineAsync($"msnp admin add: a name is 1–{AdminStore.MaxNameLength} letters, digits, '.', '_', '-' or '@'; a password 8–{AdminStore.MaxPasswordLength} characters.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var dataDirectory = parse.GetValue(data)!;
            using var client = AdminApiClient.Open(dataDirectory, out _);
            if (client is not null)
            {
                try
                {
                    return await ReportAsync(parse, "add", await client.PostAsync("api/admins", new { name = adminName, password = pw }, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                }
                catch (Exception e) when (AdminApiClient.IsNotRunning(e))
                {
                    // A file left by a server that is gone: write to the database below.
                }
            }

            // The server is not running: the first administrator can be made before it ever starts.
            var storage = new StorageOptions { DataDirectory = dataDirectory, Postgres = parse.GetValue(postgres) ?? ServerSettings.Load(parse, data).Storage.Postgres };
            MsnpStore database;
            try
            {
                database = await MsnpStore.OpenAsync(storage, ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"msnp admin add: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var owned = database;
            var store = await AdminStore.OpenAsync(database, new StorageOptions().PasswordIterations, TimeProvider.System, ct).ConfigureAwait(false);
            if (!await store.AddAdminAsync(adminName, pw, ct).ConfigureAwait(false))
            {
                await error.WriteLineAsync($"msnp admin add: administrator {adminName} already exists.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            await store.AuditAsync("msnp admin (database)", "admin-add", adminName, null, null, ct).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added administrator {adminName}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // Runs one API call; null from the call means it printed its own output.
    private static async Task<int> CallAsync(ParseResult parse, Option<string> data, string verb, Func<AdminApiClient, CancellationToken, Task<HttpResponseMessage?>> call, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        using var client = AdminApiClient.Open(parse.GetValue(data)!, out var problem);
        if (client is null)
        {
            await error.WriteLineAsync($"msnp admin {verb}: {problem}").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }

        try
        {
            var response = await call(client, ct).ConfigureAwait(false);
            return response is null ? ExitCodes.Success : await ReportAsync(parse, verb, response, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AdminApiClient.IsNotRunning(e) && !ct.IsCancellationRequested)
        {
            await error.WriteLineAsync($"msnp admin {verb}: the server is not running (nothing answers at {client.BaseUrl}); start `msnp serve` with the same --data.").ConfigureAwait(false);
            return ExitCodes.ConnectionFailed;
        }
    }

    private static async Task<HttpResponseMessage?> AsNullable(Task<HttpResponseMessage> request) => await request.ConfigureAwait(false);

    private static async Task<int> ReportAsync(ParseResult parse, string verb, HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            var message = await AdminApiClient.MessageOf(response, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(message).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var error = parse.InvocationConfiguration.Error;
            if (AdminApiClient.IsUnauthorized(response))
            {
                await error.WriteLineAsync($"msnp admin {verb}: the server did not accept the token in {LocalAdminToken.FileName} (written by an earlier run?); restart `msnp serve` or check --data.").ConfigureAwait(false);
                return ExitCodes.SignInFailed;
            }

            await error.WriteLineAsync($"msnp admin {verb}: {message}").ConfigureAwait(false);
            return (int)response.StatusCode >= 500 ? ExitCodes.ServerError : ExitCodes.Usage;
        }
    }

    private static string? PromptPassword()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        Console.Error.Write("Password: ");
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.Length == 0 ? null : password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
