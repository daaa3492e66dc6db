namespace Msnp.Server.Hosting;

/// <summary>
/// The ports actually bound (differing from the options when 0 asked for a free port), filled in
/// once the listeners are up and written into <c>XFR</c>, <c>RNG</c> and Passport replies.
/// </summary>
public sealed class ServerEndpoints
{
    /// <summary>The dispatch port.</summary>
    public int DispatchPort { get; set; }

    /// <summary>The notification port.</summary>
    public int NotificationPort { get; set; }

    /// <summary>The switchboard port.</summary>
    public int SwitchboardPort { get; set; }

    /// <summary>The plain HTTP port.</summary>
    public int HttpPort { get; set; }

    /// <summary>The HTTPS port.</summary>
    public int HttpsPort { get; set; }

    /// <summary>The admin listener's port, 0 when it is off.</summary>
    public int AdminPort { get; set; }

    private readonly TaskCompletionSource _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the MSNP and HTTP ports above are filled in (a cluster node then tells the others its address).</summary>
    public Task Bound => _bound.Task;

    /// <summary>Marks the ports as filled in.</summary>
    public void MarkBound() => _bound.TrySetResult();
}
