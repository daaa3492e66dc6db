using Msnp.Client.Connections;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Client.Reconnection;

/// <summary>
/// Runs a <see cref="ReconnectPolicy"/> for one client: watches for a connection that ended without
/// the user asking, then waits and signs in again until it works or the attempts run out.
/// One run at a time; disposing the client stops it.
/// </summary>
internal sealed class Reconnector
{
    private readonly MsnpClient _client;
    private readonly ReconnectPolicy _policy;
    private readonly CancellationTokenSource _stop = new();
    private int _running;
    private volatile bool _signedInElsewhere;

    public Reconnector(MsnpClient client, ReconnectPolicy policy)
    {
        policy.Validate();
        _client = client;
        _policy = policy;
        client.SignedOut += (_, e) => _signedInElsewhere = e.Reason == SignOutReason.OtherSession;
        client.Disconnected += OnDisconnected;
    }

    public void Stop() => _stop.Cancel();

    private void OnDisconnected(object? sender, DisconnectedEventArgs e)
    {
        var elsewhere = _signedInElsewhere;
        _signedInElsewhere = false;
        if (e.Reason == DisconnectReason.ClosedLocally || elsewhere || _stop.IsCancellationRequested)
        {
            return;
        }

        // A failed attempt's own connection also ends; the run in progress covers it.
        if (Interlocked.Exchange(ref _running, 1) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        Exception? last = null;
        try
        {
            for (var attempt = 1; attempt <= _policy.MaxAttempts; attempt++)
            {
                var delay = _policy.DelayFor(attempt, Random.Shared.NextDouble());
                _client.OnReconnecting(new ReconnectingEventArgs(attempt, delay, last));
                await Task.Delay(delay, _policy.TimeProvider, _stop.Token).ConfigureAwait(false);
                try
                {
                    await _client.SignInAsync(_stop.Token).ConfigureAwait(false);
                    if (_client.LastStatus is { } status)
                    {
                        await _client.SetStatusAsync(status, cancellationToken: _stop.Token).ConfigureAwait(false);
                    }

                    _client.OnReconnected(new ReconnectedEventArgs(attempt));
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    last = ex;
                }
            }

            _client.OnReconnectFailed(new ReconnectFailedEventArgs(_policy.MaxAttempts, last));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The client was disposed: nothing to report.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
