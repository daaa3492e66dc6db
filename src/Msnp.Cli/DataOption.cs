using System.CommandLine;

namespace Msnp.Cli;

/// <summary><c>--data DIR</c>: the server's data directory, shared by <c>serve</c> and <c>user</c>.</summary>
internal static class DataOption
{
    public const string Default = "msnp-data";

    public static Option<string> Create() =>
        new("--data") { Description = "Data directory (database, keys, certificate).", DefaultValueFactory = _ => Default, HelpName = "DIR" };
}
