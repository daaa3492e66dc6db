using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Requests;

/// <summary>
/// Reads one command's arguments as the dialect defines them: true with the typed request, or false
/// with the documented refusal. Never throws for any argument list.
/// </summary>
/// <typeparam name="T">The typed request.</typeparam>
public delegate bool ReadRequest<T>(MsnpCommand command, MsnpDialect dialect, out T request, out RequestRefusal refusal)
    where T : struct;
