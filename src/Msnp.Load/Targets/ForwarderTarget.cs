using System.Net;
using Msnp.Load.Forwarding;
using Msnp.Protocol.Dialects;

namespace Msnp.Load.Targets;

/// <summary>
/// The <see cref="Forwarder"/> as a target: the relay and round-trip scenarios run against it
/// unchanged, so their figure is the machine's ceiling for the same load side in the same run.
/// </summary>
public sealed class ForwarderTarget : ILoadTarget
{
    private ForwarderTarget(Forwarder forwarder) => Forwarder = forwarder;

    /// <summary>The running forwarder.</summary>
    public Forwarder Forwarder { get; }

    /// <inheritdoc/>
    public IPEndPoint Notification => Forwarder.Notification;

    /// <summary>None: the forwarder has no Passport login.</summary>
    public Uri? PassportLogin => null;

    /// <inheritdoc/>
    public int? ServerProcessId => Environment.ProcessId;

    /// <inheritdoc/>
    public bool SharesProcess => true;

    /// <inheritdoc/>
    public MsnpDialect Dialect => Forwarder.Dialect;

    /// <summary>Starts a forwarder on free loopback ports.</summary>
    public static ForwarderTarget Start(ForwarderMode mode, MsnpDialect dialect) => new(Forwarder.Start(mode, dialect));

    /// <summary>Names only: the forwarder stores no accounts and checks no ticket.</summary>
    public Task<IReadOnlyList<LoadAccount>> CreateAccountsAsync(string prefix, int count, bool realPasswordHash, CancellationToken cancellationToken)
    {
        var accounts = new LoadAccount[count];
        for (var i = 0; i < count; i++)
        {
            accounts[i] = new LoadAccount(LoadAccounts.Email(prefix, i), "t=forwarder&p=forwarder");
        }

        return Task.FromResult<IReadOnlyList<LoadAccount>>(accounts);
    }

    /// <summary>Stops the forwarder.</summary>
    public ValueTask DisposeAsync() => Forwarder.DisposeAsync();
}
