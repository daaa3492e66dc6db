using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Msnp.Server.Hosting;
using Msnp.Server.Storage;

namespace Msnp.Cli;

/// <summary>
/// The server's settings as <c>msnp serve</c> reads them: the same web host configuration
/// (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables such as
/// <c>Msnp__DataDirectory</c>), then <c>--data</c> when given. <c>msnp user</c> uses it so it
/// always opens the store the server uses.
/// </summary>
internal static class ServerSettings
{
    public static MsnpServerOptions Load(ParseResult parse, Option<string> data)
    {
        var builder = WebApplication.CreateSlimBuilder([]);
        var options = new MsnpServerOptions();
        builder.Configuration.GetSection(MsnpServerOptions.SectionName).Bind(options);
        if (parse.GetResult(data) is { Implicit: false })
        {
            options.DataDirectory = parse.GetValue(data)!;
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
