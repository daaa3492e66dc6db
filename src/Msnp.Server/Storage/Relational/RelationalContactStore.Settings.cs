using Msnp.Protocol.Dialects.Model;
using Msnp.Protocol.Errors;

namespace Msnp.Server.Storage.Relational;

/// <summary>GTC, BLP, PRP and REA on oneself: settings stored on the account that count as list changes.</summary>
internal sealed partial class RelationalContactStore
{
    // The columns hold the wire tokens; WireName throws for a value outside the enum.
    public Task<ListChangeResult> SetGtcAsync(string owner, ReverseListPrompt prompt, CancellationToken cancellationToken = default) =>
        SetModeAsync(owner, "gtc", prompt.WireName(), cancellationToken);

    public Task<ListChangeResult> SetBlpAsync(string owner, DefaultPrivacy privacy, CancellationToken cancellationToken = default) =>
        SetModeAsync(owner, "blp", privacy.WireName(), cancellationToken);

    public async Task<ListChangeResult> SetPhoneAsync(string owner, PhoneKind kind, string? value, CancellationToken cancellationToken = default)
    {
        var type = kind.WireName();
        bool clear = string.IsNullOrEmpty(value);
        if (!clear)
        {
            WireText.RequireToken(value, WireText.MaxPhoneBytes, nameof(value));
        }

        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        if (clear)
        {
            await session.ExecuteAsync("DELETE FROM phones WHERE account_id = @owner AND type = @type;", cancellationToken, ("@owner", ownerId), ("@type", type)).ConfigureAwait(false);
        }
        else
        {
            await session.ExecuteAsync(
                """
                INSERT INTO phones (account_id, type, value) VALUES (@owner, @type, @value)
                ON CONFLICT (account_id, type) DO UPDATE SET value = excluded.value;
                """,
                cancellationToken,
                ("@owner", ownerId), ("@type", type), ("@value", value)).ConfigureAwait(false);
        }

        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version);
    }

    public async Task<ListChangeResult> SetFriendlyNameAsync(string owner, string friendlyName, CancellationToken cancellationToken = default)
    {
        WireText.RequireToken(friendlyName, WireText.MaxNameBytes, nameof(friendlyName));
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync("UPDATE accounts SET friendly_name = @name WHERE id = @owner;", cancellationToken, ("@name", friendlyName), ("@owner", ownerId)).ConfigureAwait(false);
        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version);
    }

    // The column name is one of two constants, never user input.
    private async Task<ListChangeResult> SetModeAsync(string owner, string column, string value, CancellationToken cancellationToken)
    {
        await using var session = await _database.WriteAsync(cancellationToken).ConfigureAwait(false);
        var ownerId = await session.RequireAccountIdAsync(owner, cancellationToken).ConfigureAwait(false);
        int changed = await session.ExecuteAsync(
            $"UPDATE accounts SET {column} = @value WHERE id = @owner AND {column} <> @value;",
            cancellationToken,
            ("@value", value), ("@owner", ownerId)).ConfigureAwait(false);
        if (changed == 0)
        {
            return ListChangeResult.Failure(MsnpErrorCode.AlreadyInTheMode);
        }

        var version = await session.BumpVersionAndCommitAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ListChangeResult.Success(version);
    }
}
