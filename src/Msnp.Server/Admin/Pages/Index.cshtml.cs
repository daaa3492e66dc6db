using Msnp.Server.Admin.Operations;
using Msnp.Server.Hosting;

namespace Msnp.Server.Admin.Pages;

/// <summary>The overview: who is online, load, errors; admin.js keeps it current from <c>/live</c>.</summary>
public sealed class IndexModel(OnlineSessions sessions, SwitchboardCount switchboards, MetricsHistory history, MaintenanceSchedule maintenance, ServerEndpoints endpoints) : ConsolePageModel
{
    /// <summary>Signed-in users.</summary>
    public IReadOnlyList<OnlineSession> Online { get; private set; } = [];

    /// <summary>Sessions grouped by dialect and transport.</summary>
    public IReadOnlyList<(string Dialect, string Transport, int Count)> ByDialect { get; private set; } = [];

    /// <summary>Open switchboards.</summary>
    public int Switchboards => switchboards.Current;

    /// <summary>Sign-ins counted since the console started.</summary>
    public long SignIns => history.SignIns;

    /// <summary>Messages relayed since the console started.</summary>
    public long Messages => history.Messages;

    /// <summary>Error replies by code.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Errors => history.ErrorsByCode;

    /// <summary>Seconds between chart samples.</summary>
    public double IntervalSeconds => history.IntervalSeconds;

    /// <summary>The scheduled shutdown, if any.</summary>
    public DateTimeOffset? MaintenanceAt => maintenance.ShutdownAt;

    /// <summary>This machine's name.</summary>
    public string NodeName => Environment.MachineName;

    /// <summary>The MSNP ports of this node.</summary>
    public string Ports => $"{endpoints.DispatchPort}/{endpoints.NotificationPort}/{endpoints.SwitchboardPort}";

    /// <summary>Reads the numbers.</summary>
    public void OnGet()
    {
        Online = sessions.List();
        ByDialect = [.. Online.GroupBy(s => (s.Dialect, s.Transport)).Select(g => (g.Key.Dialect, g.Key.Transport, g.Count())).OrderBy(g => g.Dialect, StringComparer.Ordinal)];
    }
}
