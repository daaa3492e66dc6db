using System.Globalization;
using Msnp.Protocol.Commands;

namespace Msnp.Protocol.Requests;

/// <summary>
/// Reads client commands into typed requests, the mirror of <see cref="Dialects.DialectWriter"/>:
/// one method per command shape, each a <see cref="ReadRequest{T}"/>. Where a command's arguments
/// changed shape between versions there is one reader per shape (<c>ADD</c> and <c>ADC</c>,
/// <c>SYN version</c> and <c>SYN stamps</c>, group numbers and group GUIDs), and the server's
/// handler tables say which reader applies at which version; small differences (one more optional
/// token) are read from <see cref="Dialects.MsnpDialect"/>. A malformed argument list gives the
/// refusal the server documents for it (an error code, a close, or both), never an exception.
/// </summary>
/// <remarks>
/// Readers only look at arguments. Checks that need the session or the store (is the version
/// agreed, does the GUID name a group of this user) stay with the handlers, in the order the wire
/// behaviour needs.
/// </remarks>
public static partial class RequestReader
{
    private static uint TrIdOf(MsnpCommand command) => command.TrId ?? 0;

    private static bool Accept<T>(T value, out T request, out RequestRefusal refusal)
    {
        request = value;
        refusal = default;
        return true;
    }

    private static bool Refuse<T>(RequestRefusal answer, out T request, out RequestRefusal refusal)
        where T : struct
    {
        request = default;
        refusal = answer;
        return false;
    }

    private static bool TryParseNumber(string token, out uint value) =>
        uint.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryParseNumber(string token, out int value) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
