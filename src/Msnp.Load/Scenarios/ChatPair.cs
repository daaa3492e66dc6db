using Msnp.Load.Metrics;
using Msnp.Load.Net;
using Msnp.Load.Targets;

namespace Msnp.Load.Scenarios;

/// <summary>Two signed-in users in one switchboard session: the sender opened it, the receiver answered.</summary>
public sealed class ChatPair : IAsyncDisposable
{
    private readonly LoadConnection _senderNs;
    private readonly LoadConnection _receiverNs;

    private ChatPair(LoadConnection senderNs, LoadConnection receiverNs, LoadConnection sender, LoadConnection receiver)
    {
        _senderNs = senderNs;
        _receiverNs = receiverNs;
        Sender = sender;
        Receiver = receiver;
    }

    /// <summary>The sender's switchboard connection.</summary>
    public LoadConnection Sender { get; }

    /// <summary>The receiver's switchboard connection.</summary>
    public LoadConnection Receiver { get; }

    /// <summary>Creates 2 × <paramref name="count"/> accounts and opens one session per pair.</summary>
    public static async Task<ChatPair[]> OpenAsync(ILoadTarget target, int count, LoadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(progress);
        progress.Phase = "creating accounts";
        var accounts = await target.CreateAccountsAsync("pair", 2 * count, realPasswordHash: false, cancellationToken).ConfigureAwait(false);
        progress.Phase = "opening sessions";
        var pairs = new ChatPair[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (a, b) = (accounts[2 * i], accounts[(2 * i) + 1]);
            var nsA = await ClientSteps.SignInAsync(target, a, ct).ConfigureAwait(false);
            var nsB = await ClientSteps.SignInAsync(target, b, ct).ConfigureAwait(false);
            await ClientSteps.GoOnlineAsync(nsA, ct).ConfigureAwait(false);
            await ClientSteps.GoOnlineAsync(nsB, ct).ConfigureAwait(false);

            // Unanswered, the challenge after the first CHG closes both NS connections 50 s in.
            await ClientSteps.AnswerChallengeAsync(nsA, ct).ConfigureAwait(false);
            await ClientSteps.AnswerChallengeAsync(nsB, ct).ConfigureAwait(false);
            var (sbA, sbB) = await ClientSteps.OpenSessionAsync(nsA, a, nsB, b, ct).ConfigureAwait(false);
            pairs[i] = new ChatPair(nsA, nsB, sbA, sbB);
        }).ConfigureAwait(false);
        return pairs;
    }

    /// <summary>Closes all four connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await Sender.DisposeAsync().ConfigureAwait(false);
        await Receiver.DisposeAsync().ConfigureAwait(false);
        await _senderNs.DisposeAsync().ConfigureAwait(false);
        await _receiverNs.DisposeAsync().ConfigureAwait(false);
    }
}
