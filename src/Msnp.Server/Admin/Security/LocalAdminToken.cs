using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Msnp.Server.Storage.Security;

namespace Msnp.Server.Admin.Security;

/// <summary>
/// The credential <c>msnp admin</c> uses on the server's own machine: each time the admin listener
/// starts it writes <c>admin-api.json</c> (mode 0600) into the data directory with its URL and a new
/// random token. Whoever can read the data directory (the account running <c>msnp serve</c>) can
/// act as an operator, exactly as they could by opening the database; nobody types a password.
/// </summary>
public sealed class LocalAdminToken
{
    /// <summary>The file's name inside the data directory.</summary>
    public const string FileName = "admin-api.json";

    private readonly byte[] _tokenBytes;
    private string? _path;

    /// <summary>Makes a new random token.</summary>
    public LocalAdminToken()
    {
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tokenBytes = Encoding.ASCII.GetBytes(Token);
    }

    /// <summary>The bearer token.</summary>
    public string Token { get; }

    /// <summary>Writes the file (replacing one left by an earlier run) once the listener's URL is known.</summary>
    public void Publish(string dataDirectory, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        var json = JsonSerializer.SerializeToUtf8Bytes(new LocalAdminEndpoint(url.ToString().TrimEnd('/'), Token), LocalAdminEndpointContext.Default.LocalAdminEndpoint);
        PrivateFile.Write(path, json, PrivateFile.OwnerOnly, overwrite: true);
        _path = path;
    }

    /// <summary>Reads the file <c>msnp admin</c> needs; null when it is missing or unreadable.</summary>
    public static LocalAdminEndpoint? Read(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), LocalAdminEndpointContext.Default.LocalAdminEndpoint);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Compares a presented token in constant time.</summary>
    public bool Matches(ReadOnlySpan<char> presented)
    {
        if (presented.Length != _tokenBytes.Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[presented.Length];
        for (int i = 0; i < presented.Length; i++)
        {
            bytes[i] = presented[i] < 128 ? (byte)presented[i] : (byte)0;
        }

        return CryptographicOperations.FixedTimeEquals(bytes, _tokenBytes);
    }

    /// <summary>Removes the file (the listener stopped).</summary>
    public void Delete()
    {
        if (_path is null)
        {
            return;
        }

        try
        {
            File.Delete(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
