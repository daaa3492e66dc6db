using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Msnp.Server.Soap.AddressBook;

/// <summary>
/// The <c>CID</c> (a signed 64-bit number) the web services write for an account: derived from
/// the lower-case address, so every node and every service (address book, storage) agrees without
/// storing it. Real CIDs were database ids; clients only compare and echo them.
/// </summary>
public static class AccountCid
{
    /// <summary>The CID of <paramref name="email"/>; never 0 (0 means "none" in the services).</summary>
    public static long Of(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant()), hash);
        var cid = BinaryPrimitives.ReadInt64BigEndian(hash);
        return cid == 0 ? 1 : cid;
    }
}
