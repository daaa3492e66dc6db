using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Msnp.Server.Hosting;

/// <summary>
/// The server's log defaults: one line per entry with a UTC timestamp, and ASP.NET Core's own
/// categories at Warning (one line per HTTP request would bury the MSNP events: a gateway session
/// polls every two seconds). Each default yields to the <c>Logging</c> configuration section.
/// </summary>
internal static class ServerLogging
{
    /// <summary>Categories quieted to Warning unless <c>Logging:LogLevel:&lt;category&gt;</c> says otherwise.</summary>
    private static readonly string[] QuietCategories = ["Microsoft.AspNetCore", "Microsoft.Hosting.Lifetime"];

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
        });

        // Log lines go to standard error, so standard output stays the listener summary.
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

        foreach (var category in QuietCategories)
        {
            if (configuration[$"Logging:LogLevel:{category}"] is null)
            {
                logging.AddFilter(category, LogLevel.Warning);
            }
        }

        // "Hosting failed to start" would log the bind failure's stack trace; StartAsync throws it
        // to the caller, which reports it in its own words.
        if (configuration[$"Logging:LogLevel:{HostCategory}"] is null)
        {
            logging.AddFilter(HostCategory, LogLevel.Critical);
        }
    }
}
