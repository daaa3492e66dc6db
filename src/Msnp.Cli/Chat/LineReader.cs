using System.Text;
using System.Threading.Channels;

namespace Msnp.Cli.Chat;

/// <summary>
/// Reads lines on a background thread into a channel that completes at the end of input. Console
/// reads block and ignore cancellation, so the reader is never awaited directly: callers wait on
/// the channel, which they can stop waiting for.
/// </summary>
internal static class LineReader
{
    /// <summary>Longest line kept; the rest of a longer line is dropped rather than buffered without bound.</summary>
    public const int MaxLineLength = 8192;

    public static ChannelReader<string> Start(TextReader input)
    {
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        var thread = new Thread(() => Pump(input, lines.Writer)) { IsBackground = true, Name = "msnp chat input" };
        thread.Start();
        return lines.Reader;
    }

    private static void Pump(TextReader input, ChannelWriter<string> lines)
    {
        var line = new StringBuilder();
        var buffer = new char[1024];
        try
        {
            // On a terminal, Console.In's block read waits for the whole buffer to fill (1024 typed
            // characters); line by line is what a person types, and bounded by their typing.
            if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
            {
                while (input.ReadLine() is { } typed)
                {
                    Write(lines, typed.Length > MaxLineLength ? typed[..MaxLineLength] : typed);
                }

                return;
            }

            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                foreach (var c in buffer.AsSpan(0, read))
                {
                    if (c == '\n')
                    {
                        Write(lines, line.ToString().TrimEnd('\r'));
                        line.Clear();
                    }
                    else if (line.Length < MaxLineLength)
                    {
                        line.Append(c);
                    }
                }
            }

            if (line.Length > 0)
            {
                Write(lines, line.ToString().TrimEnd('\r'));
            }
        }
        catch (IOException)
        {
            // A broken input is the end of input.
        }
        catch (ChannelClosedException)
        {
            // Nobody reads any more.
        }
        finally
        {
            lines.TryComplete();
        }
    }

    // The channel is bounded, so a fast writer waits for the chat instead of queueing without limit.
    private static void Write(ChannelWriter<string> lines, string line) =>
        lines.WriteAsync(line).AsTask().GetAwaiter().GetResult();
}
