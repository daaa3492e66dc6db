using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>
/// Friendly names and nicknames that hold line separators, C1 controls or bidi overrides
/// (escaped, since raw ones cannot be part of a token) are refused with 209 instead of being
/// relayed to every watcher; plain direction marks stay allowed.
/// </summary>
public sealed class DisplayControlNameTests
{
    [Theory]
    [InlineData("Bob%E2%80%A8OUT")]      // U+2028 LINE SEPARATOR
    [InlineData("Bob%E2%80%A9x")]        // U+2029 PARAGRAPH SEPARATOR
    [InlineData("Bob%C2%85x")]           // U+0085 NEXT LINE
    [InlineData("Bob%0D%0AOUT")]         // CR LF, escaped
    [InlineData("%E2%80%AEgnp.exe")]     // U+202E RIGHT-TO-LEFT OVERRIDE
    [InlineData("a%E2%81%A6b%E2%81%A9")] // U+2066 … U+2069 isolate
    public async Task A_name_with_line_or_bidi_controls_gets_209_and_is_not_relayed(string name)
    {
        await using var scene = await Scene.StartAsync("alice", "bob");
        var alice = await scene.SignInAsync("alice");
        await alice.SendAsync($"ADD 1 FL {Scene.Email("bob")} Bob 0\r\n");
        await alice.ReadLineStartingWithAsync("ADD 1 FL ");
        await Chat.GoOnlineAsync(alice);
        var bob = await scene.SignInAsync("bob");
        await Chat.GoOnlineAsync(bob);

        await bob.SendAsync($"REA 5 {Scene.Email("bob")} {name}\r\n");
        Assert.Equal("209 5", await ReplyAsync(bob));
        await bob.SendAsync($"ADD 6 AL {Scene.Email("alice")} {name}\r\n");
        Assert.Equal("209 6", await ReplyAsync(bob));

        // Bob's name is unchanged for alice, and his connection is still open.
        await bob.SendAsync("REA 7 bob@example.com Bob%E2%80%8F\r\n"); // U+200F RIGHT-TO-LEFT MARK is fine
        Assert.StartsWith("REA 7 ", await ReplyAsync(bob));
        var nln = await alice.ReadLineStartingWithAsync($"NLN NLN {Scene.Email("bob")} Bob%E2%80%8F");
        Assert.DoesNotContain(name, nln, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MSNP12s_own_name_change_with_a_bidi_override_gets_209()
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.ConnectAsync();
        await alice.SendAsync("VER 1 MSNP12\r\nCVR 2 0x0409 winnt 5.1 i386 MSNMSGR 7.5.0324 msmsgs alice@example.com\r\nUSR 3 TWN I alice@example.com\r\n");
        await alice.ReadLineStartingWithAsync("USR 3 TWN S ");
        await alice.SendAsync($"USR 4 TWN S {await SignIn.TicketAsync(scene.Server, "alice@example.com")}\r\n");
        await alice.ReadLineStartingWithAsync("USR 4 OK ");
        Assert.Equal("SBS 0 null", await alice.ReadLineAsync());
        await SignIn.ReadProfileAsync(alice);

        await alice.SendAsync("PRP 5 MFN %E2%80%AEgnp.exe\r\n");
        Assert.Equal("209 5", await ReplyAsync(alice));
        await alice.SendAsync("PRP 6 MFN Alice\r\n");
        Assert.StartsWith("PRP 6 MFN Alice", await ReplyAsync(alice));
    }

    [Theory]
    [InlineData("MSNP7", "Work%E2%80%A8OUT")]   // U+2028 LINE SEPARATOR
    [InlineData("MSNP7", "%E2%80%AEgnp.exe")]   // U+202E RIGHT-TO-LEFT OVERRIDE
    [InlineData("MSNP9", "Work%C2%85x")]        // U+0085 NEXT LINE
    [InlineData("MSNP9", "Work%0D%0AOUT")]      // CR LF, escaped
    public async Task A_group_name_with_line_or_bidi_controls_gets_209_and_changes_nothing(string version, string name)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", version);
        await alice.SendAsync("ADG 5 Work 0\r\n");
        await alice.ExpectAsync("ADG 5 1 Work 1 0");

        await alice.SendAsync($"ADG 6 {name} 0\r\n");
        Assert.Equal("209 6", await ReplyAsync(alice));
        await alice.SendAsync($"REG 7 1 {name} 0\r\n");
        Assert.Equal("209 7", await ReplyAsync(alice));

        // Nothing was stored: the list version moves on from 1, and group 1 keeps its name.
        await alice.SendAsync("REG 8 1 Work%E2%80%8F 0\r\n"); // U+200F RIGHT-TO-LEFT MARK is fine
        await alice.ExpectAsync("REG 8 2 1 Work%E2%80%8F 0");
    }

    [Theory]
    [InlineData("MSNP10")]
    [InlineData("MSNP12")]
    public async Task A_GUID_dialect_group_name_with_a_bidi_override_gets_209(string version)
    {
        await using var scene = await Scene.StartAsync("alice");
        var alice = await scene.SignInAsync("alice", version);
        await alice.SendAsync("ADG 5 Work 0\r\n");
        var added = await ReplyAsync(alice);
        Assert.StartsWith("ADG 5 Work ", added);
        var group = added["ADG 5 Work ".Length..];

        await alice.SendAsync("ADG 6 %E2%80%AEgnp.exe 0\r\n");
        Assert.Equal("209 6", await ReplyAsync(alice));
        await alice.SendAsync($"REG 7 {group} Work%E2%80%A8OUT 0\r\n");
        Assert.Equal("209 7", await ReplyAsync(alice));
        await alice.SendAsync($"REG 8 {group} Mates 0\r\n");
        await alice.ExpectAsync($"REG 8 {group} Mates");
    }

    // The next line that answers a command, skipping the server's own (CHL) and presence lines.
    private static async Task<string> ReplyAsync(LineClient client)
    {
        while (true)
        {
            var line = await client.ReadLineAsync() ?? throw new IOException("closed");
            if (!line.StartsWith("CHL ", StringComparison.Ordinal) && !line.StartsWith("NLN ", StringComparison.Ordinal) && !line.StartsWith("SBS ", StringComparison.Ordinal)
                && !line.StartsWith("ILN ", StringComparison.Ordinal) && !line.StartsWith("FLN ", StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
