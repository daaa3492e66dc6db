using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Dialects;

/// <summary>
/// Writes the server's lines in the shape one dialect expects. Small differences (an extra flag,
/// a client id) are read from <see cref="MsnpDialect"/>; the list download, whose structure
/// changed in MSNP8, is written by a subclass per generation. A later version becomes another
/// subclass overriding only what it changed.
/// </summary>
/// <remarks>
/// Names, nicknames, group names and phone numbers are taken in wire form (URL-encoded): a token
/// holding a space, tab, CR or LF is refused by <see cref="MsnpWriter.LineWriter"/>. Lines are
/// written token by token, so after such an <see cref="ArgumentException"/> the output may hold
/// part of a line: write into a scratch buffer when the values are not known to be valid.
/// A command the dialect lacks is refused before anything is written.
/// </remarks>
public abstract partial class DialectWriter
{
    private static readonly FrozenDictionary<int, DialectWriter> Known =
        MsnpDialect.All.ToFrozenDictionary(d => d.Version, Create);

    /// <summary>Binds the writer to its dialect.</summary>
    protected DialectWriter(MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        Dialect = dialect;
    }

    /// <summary>The dialect whose shapes this writer produces.</summary>
    public MsnpDialect Dialect { get; }

    /// <summary>The writer for a dialect (one shared, stateless instance per version).</summary>
    public static DialectWriter For(MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return Known.TryGetValue(dialect.Version, out var writer) && writer.Dialect == dialect ? writer : Create(dialect);
    }

    private static DialectWriter Create(MsnpDialect dialect) =>
        dialect.HasGuids ? new GuidDialectWriter(dialect)
        : dialect.SyncHasCounts ? new TweenerDialectWriter(dialect)
        : new ClassicDialectWriter(dialect);

    /// <summary>Refuses a command the dialect does not have, so a server cannot send a line the client would misread.</summary>
    protected void Require(bool supported, string command)
    {
        if (!supported)
        {
            throw new NotSupportedException($"{command} does not exist in {Dialect.Name}.");
        }
    }

    /// <summary>Appends a contact's group ids as one comma-separated token; no groups means the default group 0.</summary>
    protected static void GroupList(ref MsnpWriter.LineWriter line, IReadOnlyList<int> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        line.Token(groups.Count == 0 ? "0" : string.Join(',', groups.Select(GroupId)));
    }

    private static string GroupId(int id) =>
        id >= 0 ? id.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(id), id, "Group ids are not negative.");

    /// <summary>Starts a line: the code and, when given, the TrID.</summary>
    protected static MsnpWriter.LineWriter Line(IBufferWriter<byte> output, CommandCode code, uint? trId) => new(output, code, trId);
}
