using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Fuzzing;

/// <summary>
/// Passport inputs the fuzzer found (fuzz/findings/passport), replayed byte for byte as the fuzz
/// harness ran them (byte 0 mod 5 picks the parser, as in fuzz/Msnp.Fuzz/PassportTarget.cs). Each
/// must be decided within a bound; before the fix the RST reader never returned.
/// </summary>
public sealed class PassportFuzzFindingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "FuzzFindings", "passport")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task A_passport_finding_is_decided_in_bounded_time(string finding)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "FuzzFindings", "passport", finding));
        Assert.Equal(2, input[0] % 5); // only RST findings so far; extend when another parser's finding is kept
        var body = input[1..];
        await Task.Run(() => RstRequestReader.TryRead(body, out _)).WaitAsync(Bound);
    }

    [Fact]
    public async Task A_second_Address_in_a_token_is_skipped_and_the_first_kept()
    {
        const string Xml = """
            <Envelope><Header><Security><UsernameToken><Username>a@b.c</Username><Password>pw</Password></UsernameToken></Security></Header>
            <Body><RequestSecurityToken Id="RST0"><AppliesTo><EndpointReference><Address>first.example.com</Address><Address>second.example.com</Address></EndpointReference></AppliesTo></RequestSecurityToken></Body></Envelope>
            """;
        var (read, request) = await Task.Run(() => (RstRequestReader.TryRead(System.Text.Encoding.UTF8.GetBytes(Xml), out var r), r)).WaitAsync(Bound);
        Assert.True(read);
        Assert.Equal("first.example.com", Assert.Single(request.Tokens).Address);
    }
}
