using System.Xml;

namespace Msnp.Server.Soap;

/// <summary>
/// Writes one XML reply into a buffer kept per thread and returns a copy of exactly its bytes, so a
/// reply costs one array of its own size instead of a stream grown by doubling and then copied.
/// Writing is synchronous, so a thread's buffer is never shared; a nested call gets a new one.
/// </summary>
internal static class XmlOutput
{
    // A buffer that grew past this (an unusually large reply) is dropped rather than kept by the thread.
    private const int KeptCapacity = 64 * 1024;

    [ThreadStatic]
    private static MemoryStream? t_buffer;

    /// <summary>Runs <paramref name="write"/> on a writer made with <paramref name="settings"/> (which must leave the stream open) and returns the bytes.</summary>
    public static byte[] Write(XmlWriterSettings settings, Action<XmlWriter> write)
    {
        var buffer = t_buffer ?? new MemoryStream(16 * 1024);
        t_buffer = null;
        try
        {
            buffer.SetLength(0);
            using (var writer = XmlWriter.Create(buffer, settings))
            {
                write(writer);
            }

            return buffer.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= KeptCapacity)
            {
                t_buffer = buffer;
            }
        }
    }
}
