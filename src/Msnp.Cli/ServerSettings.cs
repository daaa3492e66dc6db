using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Msnp.Server.Hosting;
using Msnp.Server.Storage;

namespace Msnp.Cli;

/// <summary>
/// The server's settings as <c>msnp serve</c> reads them: the same web host configuration
/// (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables such as
/// <c>Msnp__DataDirectory</c>, <c>Msnp__Storage__Postgres</c>), then <c>--data</c> and <c>--postgres</c> when given. <c>msnp user</c> uses it so it
/// always opens the store the server uses.
/// </summary>
internal static class ServerSettings
{
    public static MsnpServerOptions Load(ParseResult parse, Option<string> data, Option<string?>? postgres = null)
    {
        var builder = WebApplication.CreateSlimBuilder([]);
        var options = new MsnpServerOptions();
        builder.Configuration.GetSection(MsnpServerOptions.SectionName).Bind(options);
        if (parse.GetResult(data) is { Implicit: false })
        {
            options.DataDirectory = parse.GetValue(data)!;
        }

        if (postgres is not null && parse.GetResult(postgres) is { Implicit: false })
        {
            options.Storage.Postgres = parse.GetValue(postgres);
        }

        return options;
    }

    /// <summary>The store options the server would use for <paramref name="options"/>.</summary>
    public static StorageOptions Storage(MsnpServerOptions options)
    {
        var storage = options.Storage;
        storage.DataDirectory = options.DataDirectory;
        return storage;
    }
}
