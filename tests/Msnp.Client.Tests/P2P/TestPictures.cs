using Msnp.Client.P2P;

namespace Msnp.Client.Tests.P2P;

internal static class TestPictures
{
    /// <summary>A PNG signature followed by <paramref name="size"/> - 8 random bytes: enough for the format check and several chunks.</summary>
    public static DisplayPicture Png(int size = 5000, int seed = 1)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(data, 0);
        return DisplayPicture.FromBytes(data);
    }
}
