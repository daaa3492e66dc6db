using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Diagnostics;
using Msnp.Server.Limits;

namespace Msnp.Server.Passport;

/// <summary>
/// The steps <c>login2.srf</c> and <c>RST.srf</c> share before and around the password hash, in
/// order of cost: the address's request rate, the sign-in back-off (the attempt is reserved), a
/// recently checked password (an HMAC), the server-wide rate for made-up names, a slot among the hashes run at once, and only then the
/// hash. Each limit is optional, so Passport hosted without the server's limiters checks plainly.
/// </summary>
internal static class PassportPasswordCheck
{
    /// <summary>The seconds a busy answer tells the client to wait (<c>Retry-After</c>).</summary>
    public const string RetryAfterSeconds = "5";

    public static async Task<(PassportCheckResult Result, PassportAccount? Account)> RunAsync(HttpContext context, string endpoint, string signIn, string password)
    {
        var services = context.RequestServices;
        var remote = context.Connection.RemoteIpAddress;
        if (services.GetService<PassportRequestRate>() is { } rate && !rate.TryRequest(remote))
        {
            ServerMetrics.RecordPassport(endpoint, "busy");
            return (PassportCheckResult.Busy, null);
        }

        var throttle = services.GetService<SignInThrottle>();
        await using var attempt = throttle is null ? null : await throttle.TryBeginAsync(signIn, remote).ConfigureAwait(false);
        if (throttle is not null && attempt is null)
        {
            ServerMetrics.RecordPassport(endpoint, "locked");
            return (PassportCheckResult.Locked, null);
        }

        var checker = services.GetRequiredService<IPassportCredentialChecker>();
        var aborted = context.RequestAborted;

        // A password that passed the full check recently needs neither the hash nor a slot, so
        // users signing in again are not queued behind a storm of first sign-ins.
        if (await checker.CheckRememberedAsync(signIn, password, aborted).ConfigureAwait(false) is { } remembered)
        {
            if (attempt is not null)
            {
                await attempt.SucceedAsync().ConfigureAwait(false);
            }

            ServerMetrics.RecordPassport(endpoint, "ok");
            return (PassportCheckResult.Ok, remembered);
        }

        var unknown = services.GetService<UnknownAccountRate>();
        bool madeUp = unknown is not null && !await checker.HasAccountAsync(signIn, aborted).ConfigureAwait(false);
        if (madeUp && !unknown!.TryCheck())
        {
            // No account can sign in under this name, so "wrong password" is the true answer; only the hash is skipped.
            ServerMetrics.RecordPassport(endpoint, "failed");
            if (attempt is not null)
            {
                await attempt.FailAsync().ConfigureAwait(false);
            }

            return (PassportCheckResult.Failed, null);
        }

        var gate = services.GetService<PasswordCheckGate>();
        // A made-up name takes a hashing slot only when one is free: it never waits in the queue,
        // so a burst of them cannot push a real account's sign-in out of it.
        using var slot = gate is null ? null : await gate.TryEnterAsync(aborted, mayWait: !madeUp).ConfigureAwait(false);
        if (gate is not null && slot is null && madeUp)
        {
            ServerMetrics.RecordPassport(endpoint, "failed");
            if (attempt is not null)
            {
                await attempt.FailAsync().ConfigureAwait(false);
            }

            return (PassportCheckResult.Failed, null);
        }

        if (gate is not null && slot is null)
        {
            // The reservation is released uncounted: nothing was checked.
            ServerMetrics.RecordPassport(endpoint, "busy");
            return (PassportCheckResult.Busy, null);
        }

        var account = await checker.CheckAsync(signIn, password, aborted).ConfigureAwait(false);
        if (account is null)
        {
            ServerMetrics.RecordPassport(endpoint, "failed");
            if (attempt is not null)
            {
                await attempt.FailAsync().ConfigureAwait(false);
            }

            return (PassportCheckResult.Failed, null);
        }

        if (attempt is not null)
        {
            await attempt.SucceedAsync().ConfigureAwait(false);
        }

        ServerMetrics.RecordPassport(endpoint, "ok");
        return (PassportCheckResult.Ok, account);
    }
}
