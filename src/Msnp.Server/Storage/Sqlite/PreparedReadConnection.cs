using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Msnp.Server.Storage.Sqlite;

/// <summary>
/// An open SQLite connection kept for single-statement reads (<see cref="SqliteDatabase.ReadOneAsync"/>)
/// together with the commands it ran, whose statements stay prepared: a repeated read (an account
/// looked up at every sign-in) is bound and stepped again instead of being parsed and planned, and the
/// connection's open-time <c>PRAGMA</c>s run once. Only statements are kept, never rows: each read
/// runs on its own and sees the file as it is then, whoever wrote it. Used by one session at a time.
/// </summary>
internal sealed class PreparedReadConnection : IAsyncDisposable
{
    // Reads are a fixed set of SQL texts; a bound keeps a caller that builds SQL from growing it.
    private const int MaxCommands = 32;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public PreparedReadConnection(SqliteConnection connection, int generation)
    {
        Connection = connection;
        Generation = generation;
    }

    public SqliteConnection Connection { get; }

    /// <summary>The database's pool generation at open; a connection of an earlier one is closed when returned.</summary>
    public int Generation { get; }

    /// <summary>
    /// The kept command for <paramref name="sql"/> with <paramref name="parameters"/> bound, or null
    /// when the cache is full (the caller makes and disposes a command of its own).
    /// </summary>
    public DbCommand? Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxCommands)
            {
                return null;
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        var bound = command.Parameters;
        if (bound.Count == parameters.Length && Same(bound, parameters))
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                bound[i].Value = parameters[i].Value ?? DBNull.Value;
            }
        }
        else
        {
            bound.Clear();
            foreach (var (name, value) in parameters)
            {
                bound.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    private static bool Same(SqliteParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
