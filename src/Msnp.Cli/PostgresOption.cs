using System.CommandLine;

namespace Msnp.Cli;

/// <summary>
/// <c>--postgres CONNECTION</c>: keep the accounts and lists in a PostgreSQL database instead of the
/// SQLite file, shared by <c>serve</c>, <c>user</c> and <c>admin add</c>. Also <c>Msnp:Storage:Postgres</c>
/// (appsettings.json, <c>Msnp__Storage__Postgres</c>); the switch wins.
/// </summary>
internal static class PostgresOption
{
    public static Option<string?> Create() =>
        new("--postgres")
        {
            Description = "Keep accounts and lists in this PostgreSQL database, an Npgsql connection string such as \"Host=db;Database=msnp;Username=msnp;Password=…\" (default: the SQLite file in --data; also Msnp:Storage:Postgres).",
            HelpName = "CONNECTION",
        };
}
