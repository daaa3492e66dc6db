namespace Msnp.Server.Limits;

/// <summary>
/// Where the sign-in failure counts of one kind of key (accounts or addresses) live: this node's
/// <see cref="KeyedBackoff"/>, or in a cluster one grain per key, so a guesser meets the same
/// count on every node (docs/cluster.md, "Limits across nodes"). The operations are
/// <see cref="KeyedBackoff"/>'s.
/// </summary>
internal interface IBackoffTable
{
    /// <summary>True while <paramref name="key"/> must wait before its next attempt.</summary>
    ValueTask<bool> IsLockedAsync(string key);

    /// <summary>Reserves one attempt; false when it must be refused unchecked.</summary>
    ValueTask<bool> TryReserveAsync(string key);

    /// <summary>Ends a reserved attempt, counting its failure or not.</summary>
    ValueTask CompleteAsync(string key, bool failed);

    /// <summary>Clears the key's failures (a success, an operator's unlock).</summary>
    ValueTask ForgetAsync(string key);
}
