using System.Diagnostics.Metrics;
using System.Globalization;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Diagnostics;

/// <summary>
/// The server's <see cref="System.Diagnostics.Metrics"/> instruments, all on the meter
/// <see cref="MeterName"/> and named <c>msnp_…</c> (docs/operators.md lists them). One meter per
/// process, like an EventSource: the instruments are immutable and cost one branch when nothing
/// listens. Tag sets are built once and reused, so recording never allocates.
/// </summary>
public static class ServerMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> and <see cref="MeterListener"/>.</summary>
    public const string MeterName = "Msnp.Server";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Sign-in attempts that reached a verdict, tagged <c>result</c> and <c>dialect</c>.</summary>
    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("msnp_signins", "{sign-in}", "Notification-server sign-ins by result (ok, failed, locked) and dialect.");

    /// <summary>Signed-in notification sessions, tagged <c>dialect</c> and <c>transport</c>.</summary>
    public static readonly UpDownCounter<long> Sessions = Meter.CreateUpDownCounter<long>("msnp_sessions", "{session}", "Signed-in notification sessions by dialect and transport (tcp, http).");

    /// <summary>Open switchboard sessions.</summary>
    public static readonly UpDownCounter<long> Switchboards = Meter.CreateUpDownCounter<long>("msnp_switchboards", "{switchboard}", "Open switchboard sessions.");

    /// <summary>Instant messages handed to a switchboard receiver.</summary>
    public static readonly Counter<long> MessagesRelayed = Meter.CreateCounter<long>("msnp_messages_relayed", "{message}", "Switchboard messages delivered to a receiver (one per receiver).");

    /// <summary>Bytes read from MSNP connections.</summary>
    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("msnp_received", "By", "Bytes read from MSNP connections (TCP and gateway).");

    /// <summary>Bytes written to MSNP connections.</summary>
    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("msnp_sent", "By", "Bytes written to MSNP connections (TCP and gateway).");

    /// <summary>MSNP error replies, tagged with the numeric <c>code</c>.</summary>
    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("msnp_errors", "{error}", "MSNP error replies sent, by numeric code.");

    /// <summary>Requests a limiter turned away, tagged <c>limiter</c>.</summary>
    public static readonly Counter<long> LimiterRefusals = Meter.CreateCounter<long>("msnp_limiter_refusals", "{refusal}", "Connections, sign-ins and calls refused by a limiter (connections, signin, calls).");

    /// <summary>Passport credential and ticket checks, tagged <c>kind</c> and <c>result</c>.</summary>
    public static readonly Counter<long> PassportVerifications = Meter.CreateCounter<long>("msnp_passport_verifications", "{verification}", "Passport password checks (login, rst) and ticket checks (ticket) by result.");

    /// <summary>Connections cut off because their unsent output passed the limit.</summary>
    public static readonly Counter<long> OutputBufferDrops = Meter.CreateCounter<long>("msnp_output_buffer_drops", "{connection}", "Connections dropped because their unsent output passed OutputLimitBytes.");

    /// <summary>Open MSNP connections (TCP sockets and gateway sessions), tagged <c>listener</c>, <c>transport</c> and <c>port</c>: what Kestrel's <c>kestrel.active_connections</c> counted before the MSNP listeners left Kestrel.</summary>
    public static readonly UpDownCounter<long> Connections = Meter.CreateUpDownCounter<long>("msnp_connections", "{connection}", "Open MSNP connections by listener (dispatch, notification, switchboard), transport (tcp, http) and local port.");

    /// <summary>How long MSNP connections were open, tagged as <see cref="Connections"/> (Kestrel's <c>kestrel.connection.duration</c>).</summary>
    public static readonly Histogram<double> ConnectionDuration = Meter.CreateHistogram<double>(
        "msnp_connection_duration",
        "s",
        "How long closed MSNP connections were open, by listener, transport and local port.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 14400, 86400] });

    private static readonly KeyValuePair<string, object?>[][] ErrorTags = new KeyValuePair<string, object?>[1000][];
    private static readonly Dictionary<(int, string), KeyValuePair<string, object?>[]> SignInTags = [];
    private static readonly Dictionary<(int, bool), KeyValuePair<string, object?>[]> SessionTags = [];

    /// <summary>Tags of the limiter that refused connections.</summary>
    public static readonly KeyValuePair<string, object?>[] ConnectionLimiter = [new("limiter", "connections")];

    /// <summary>Tags of the sign-in back-off.</summary>
    public static readonly KeyValuePair<string, object?>[] SignInLimiter = [new("limiter", "signin")];

    /// <summary>Tags of the call-rate limiter.</summary>
    public static readonly KeyValuePair<string, object?>[] CallLimiter = [new("limiter", "calls")];

    /// <summary>Tags of the <c>UUN</c> rate limiter.</summary>
    public static readonly KeyValuePair<string, object?>[] UserNotificationLimiter = [new("limiter", "user_notifications")];

    /// <summary>Tags of the bound on password hashes verified at once.</summary>
    public static readonly KeyValuePair<string, object?>[] PasswordCheckLimiter = [new("limiter", "password_checks")];

    /// <summary>Tags of the per-address Passport request rate and the rate for made-up names.</summary>
    public static readonly KeyValuePair<string, object?>[] PassportRateLimiter = [new("limiter", "passport_rate")];

    /// <summary>Tag of <see cref="LimiterRefusals"/> for web-service requests refused by their rate.</summary>
    public static readonly KeyValuePair<string, object?>[] SoapRateLimiter = [new("limiter", "soap_rate")];

    /// <summary>Records one sign-in verdict.</summary>
    public static void RecordSignIn(MsnpDialect? dialect, string result)
    {
        if (SignIns.Enabled)
        {
            SignIns.Add(1, SignInTagsFor(dialect?.Version ?? 0, result));
        }
    }

    /// <summary>Counts a session in (+1) or out (−1).</summary>
    public static void RecordSession(MsnpDialect? dialect, bool overHttp, int delta)
    {
        if (Sessions.Enabled)
        {
            Sessions.Add(delta, SessionTagsFor(dialect?.Version ?? 0, overHttp));
        }
    }

    /// <summary>Records one error reply.</summary>
    public static void RecordError(MsnpErrorCode code)
    {
        if (!Errors.Enabled)
        {
            return;
        }

        int n = (int)code;
        if ((uint)n >= (uint)ErrorTags.Length)
        {
            Errors.Add(1, new KeyValuePair<string, object?>("code", n.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        var tags = Volatile.Read(ref ErrorTags[n]);
        if (tags is null)
        {
            tags = [new("code", n.ToString(CultureInfo.InvariantCulture))];
            Volatile.Write(ref ErrorTags[n], tags);
        }

        Errors.Add(1, tags);
    }

    /// <summary>Records one Passport check; <paramref name="kind"/> is login, rst or ticket.</summary>
    public static void RecordPassport(string kind, string result)
    {
        if (PassportVerifications.Enabled)
        {
            PassportVerifications.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("result", result));
        }
    }

    private static KeyValuePair<string, object?>[] SignInTagsFor(int version, string result)
    {
        lock (SignInTags)
        {
            if (!SignInTags.TryGetValue((version, result), out var tags))
            {
                tags = [new("result", result), new("dialect", DialectName(version))];
                SignInTags[(version, result)] = tags;
            }

            return tags;
        }
    }

    private static KeyValuePair<string, object?>[] SessionTagsFor(int version, bool overHttp)
    {
        lock (SessionTags)
        {
            if (!SessionTags.TryGetValue((version, overHttp), out var tags))
            {
                tags = [new("dialect", DialectName(version)), new("transport", overHttp ? "http" : "tcp")];
                SessionTags[(version, overHttp)] = tags;
            }

            return tags;
        }
    }

    private static string DialectName(int version) =>
        version == 0 ? "none" : "MSNP" + version.ToString(CultureInfo.InvariantCulture);
}
