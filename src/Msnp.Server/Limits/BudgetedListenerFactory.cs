using System.Net;
using Microsoft.AspNetCore.Connections;

namespace Msnp.Server.Limits;

/// <summary>Kestrel's socket transport with every accept counted by the <see cref="AcceptedSocketBudget"/>.</summary>
internal sealed class BudgetedListenerFactory(IConnectionListenerFactory inner, AcceptedSocketBudget budget) : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
        new Listener(await inner.BindAsync(endpoint, cancellationToken).ConfigureAwait(false), budget);

    public bool CanBind(EndPoint endpoint) => inner is not IConnectionListenerFactorySelector selector || selector.CanBind(endpoint);

    private sealed class Listener(IConnectionListener inner, AcceptedSocketBudget budget) : IConnectionListener
    {
        public EndPoint EndPoint => inner.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            await budget.TakeAsync(cancellationToken).ConfigureAwait(false);
            ConnectionContext? connection = null;
            try
            {
                connection = await inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (connection is null)
                {
                    budget.Return();
                }
            }

            return connection is null ? null : new BudgetedConnection(connection, budget);
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
