using System.CommandLine;
using Msnp.Client.P2P;

namespace Msnp.Cli.Options;

/// <summary><c>--display-picture FILE</c>: a PNG, JPEG or GIF of at most 256 KB, checked while parsing so a bad file is a usage error.</summary>
internal static class DisplayPictureOption
{
    public static Option<DisplayPicture?> Create() => new("--display-picture")
    {
        Description = $"Show this PNG, JPEG or GIF (at most {DisplayPicture.MaxSize / 1024} KB) as the display picture: announced in CHG (MSNP9+) and sent over P2P to contacts who ask.",
        HelpName = "FILE",
        CustomParser = r =>
        {
            var path = r.Tokens[0].Value;
            try
            {
                return DisplayPicture.FromFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                r.AddError($"--display-picture {path}: {e.Message}");
                return null;
            }
        },
    };
}
