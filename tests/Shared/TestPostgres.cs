using System.Diagnostics;
using Npgsql;

namespace Msnp.Testing;

/// <summary>
/// The PostgreSQL server the tests use, each test in a database of its own. <c>.ci/run</c> starts a
/// throwaway cluster and names it in <c>MSNP_TEST_POSTGRES</c>; without the variable (a developer's
/// <c>dotnet test</c>) the first test starts one the same way (<c>pg-cluster</c>, beside this file)
/// and stops it when the test process exits. Without PostgreSQL's binaries every PostgreSQL test
/// fails with one message saying what to install; none is skipped. Linked into the test projects
/// as Support/TestPostgres.cs.
/// </summary>
internal static class TestPostgres
{
    /// <summary>An Npgsql connection string of a role that may create databases.</summary>
    public const string Variable = "MSNP_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>
    /// Creates an empty database and returns its connection string. The pool is capped (many stores
    /// are open at once, and the cluster allows 400 connections) and waits up to a minute for a free
    /// connection, as a loaded CI machine may queue hundreds of writers on the writer lock.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "msnp_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50, Timeout = 60 }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, ending its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs one statement on a database as another tool would, outside every store.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private static async Task<string> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        // .ci/run always exports the variable; CI without it is a broken pipeline, not a developer's machine.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true but {Variable} is not set: .ci/run starts PostgreSQL and exports it; run the tests through .ci/run.");
        }

        var script = Path.Combine(AppContext.BaseDirectory, "pg-cluster");
        var directory = Path.Combine(Path.GetTempPath(), $"msnp-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var (code, output, error) = await RunAsync(script, "start", directory);
        if (code != 0)
        {
            await RunAsync(script, "stop", directory);
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a PostgreSQL server: set {Variable} to an Npgsql connection string of a role that may create databases, "
                + $"or install Debian's postgresql package (apt-get install postgresql) so that the tests start a throwaway cluster themselves. pg-cluster said: {error.Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(script, "stop", directory).GetAwaiter().GetResult();
        return output.Trim();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string script, string command, string directory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
