namespace Msnp.Server.Hosting;

/// <summary>
/// Deadlines for slow or silent HTTP clients on the HTTP and HTTPS ports (Passport and the
/// gateway), bound from <c>Msnp:Http</c> and applied to Kestrel. A peer that drips its headers or
/// body, or holds an idle connection open, is cut off instead of tying up a connection.
/// </summary>
public sealed class HttpLimits
{
    /// <summary>Time to receive a request's headers, from its first byte (or from the end of the previous request).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An idle keep-alive connection is closed after this long. Above the 2 s poll interval of gateway clients.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Slowest accepted request body, in bytes per second, averaged after <see cref="MinRequestBodyGracePeriod"/>;
    /// a slower body is answered 408 and the connection closed. 0 turns the check off.
    /// </summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a body may be slower than <see cref="MinRequestBodyBytesPerSecond"/> before the rate is enforced; Kestrel requires more than 1 s.</summary>
    public TimeSpan MinRequestBodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
