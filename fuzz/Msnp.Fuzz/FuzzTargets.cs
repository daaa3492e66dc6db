using System.Diagnostics.CodeAnalysis;

namespace Msnp.Fuzz;

/// <summary>The fuzz targets by name, as run.sh passes them.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["framing", "mime", "passport", "server", "soap", "sso", "lists", "oim"];

    public static bool TryCreate(string name, [NotNullWhen(true)] out IFuzzTarget? target)
    {
        target = name switch
        {
            "framing" => new FramingTarget(),
            "mime" => new MimeTarget(),
            "passport" => new PassportTarget(),
            "server" => new ServerTarget(),
            "soap" => new SoapTarget(),
            "sso" => new SsoTarget(),
            "lists" => new ListsTarget(),
            "oim" => new OimTarget(),
            _ => null,
        };
        return target is not null;
    }
}

/// <summary>One fuzz target: runs an input and throws when an invariant does not hold.</summary>
internal interface IFuzzTarget
{
    void Run(byte[] input);
}

/// <summary>Thrown when the code under test breaks a property it promises; AFL records it as a crash.</summary>
internal sealed class InvariantException(string message) : Exception(message);

internal static class Invariant
{
    public static void Check([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantException(message);
        }
    }
}

internal static class FuzzInput
{
    // AFL inputs are small; anything longer is cut so one input cannot take seconds.
    public const int MaxBytes = 64 * 1024;

    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while (buffer.Length < MaxBytes && (read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, (int)Math.Min(read, MaxBytes - buffer.Length));
        }

        return buffer.ToArray();
    }
}
