namespace Msnp.Server.Tests.Connections;

/// <summary>
/// The signal and buffer stress tests keep both cores busy for a moment; run them alone so the
/// timing-sensitive tests (sign-in deadlines) and the process-wide memory measurements of others
/// do not run beside them.
/// </summary>
[CollectionDefinition(nameof(ConnectionsStressCollection), DisableParallelization = true)]
public sealed class ConnectionsStressCollection;
