using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Protocol.Auth;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;
using Msnp.Server.Notification;
using Msnp.Server.Passport;
using Msnp.Server.Switchboard;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Fuzzing;

/// <summary>
/// Replays every input in fuzz/findings/server byte for byte, in the scene the fuzz harness ran it
/// in (byte 0: scene and dialect, as in fuzz/Msnp.Fuzz/ServerTarget.cs), against the handlers of a
/// running server: the handler must end without throwing and write only well-formed frames, and a
/// user signed in over TCP must still get answers.
/// </summary>
public sealed partial class FuzzFindingReplayTests
{
    private const string Alice = "alice@fuzz.test";
    private const string Bob = "bob@fuzz.test";

    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "FuzzFindings")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_findings_are_copied_next_to_the_tests() => Assert.NotEmpty(Findings());

    [Theory]
    [MemberData(nameof(Findings))]
    public async Task A_fuzz_finding_is_answered_without_an_exception_and_with_well_formed_frames(string finding)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "FuzzFindings", finding));
        await using var scene = await Scene.StartAsync();
        await SignIn.CreateAccountAsync(scene.Server, Alice, Scene.Password, "Alice");
        await SignIn.CreateAccountAsync(scene.Server, Bob, Scene.Password, "Bob");
        await using var bob = await SignIn.TweenerAsync(scene.Server, Bob);

        var services = scene.Server.Host.Services;
        int kind = input[0] % 5;
        var dialect = MsnpDialect.FromVersion(MsnpDialect.MinimumVersion + (input[0] / 5 % 8));
        var connection = kind switch
        {
            0 => new PipeConnection(ActivatorUtilities.CreateInstance<NotificationConnectionHandler>(services)),
            1 => await SignInAsync(ActivatorUtilities.CreateInstance<NotificationConnectionHandler>(services), await SignIn.TicketAsync(scene.Server, Alice), dialect),
            2 => new PipeConnection(ActivatorUtilities.CreateInstance<SwitchboardConnectionHandler>(services)),
            _ => throw new NotSupportedException($"{finding}: switchboard scene {kind} needs a cookie; add it here when such a finding is kept"),
        };

        await connection.SendAsync(input[1..]);
        await connection.CompleteAsync();

        Assert.True(kind == 1 ? FramesCleanly(connection.Received, dialect) : MsnpDialect.All.Any(d => FramesCleanly(connection.Received, d)),
            "malformed reply: " + connection.Text);
        await bob.SendAsync("PNG\r\n");
        await bob.ReadLineStartingWithAsync("QNG");
    }

    private static async Task<PipeConnection> SignInAsync(NotificationConnectionHandler handler, string ticket, MsnpDialect dialect)
    {
        var connection = new PipeConnection(handler);
        if (dialect.Authentication == AuthenticationMethod.Md5)
        {
            await connection.SendAsync($"VER 1 {dialect.Name}\r\nUSR 2 MD5 I {Alice}\r\n");
            var challenge = Md5Challenge().Match(await connection.WaitForAsync(t => Md5Challenge().IsMatch(t))).Groups[1].Value;
            var response = new byte[32];
            Md5Login.ComputeResponse(Encoding.ASCII.GetBytes(challenge), Encoding.UTF8.GetBytes(Scene.Password), response);
            await connection.SendAsync($"USR 3 MD5 S {Encoding.ASCII.GetString(response)}\r\n");
            await connection.WaitForAsync(t => t.Contains("USR 3 OK", StringComparison.Ordinal));
        }
        else
        {
            await connection.SendAsync($"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.0.0602 MSMSGS {Alice}\r\n"
                + $"USR 3 TWN I {Alice}\r\nUSR 4 TWN S {ticket}\r\n");
            await connection.WaitForAsync(t => t.Contains("USR 4 OK", StringComparison.Ordinal));
        }

        return connection;
    }

    private static bool FramesCleanly(byte[] output, MsnpDialect dialect)
    {
        var scanner = new FrameScanner(CommandTable.For(dialect, FrameDirection.ServerToClient));
        var buffer = new ReadOnlySequence<byte>(output);
        while (!buffer.IsEmpty)
        {
            if (scanner.TryRead(buffer, out var frame, out _) != ScanStatus.Complete)
            {
                return false;
            }

            buffer = buffer.Slice(frame.End);
        }

        return true;
    }

    [GeneratedRegex(@"USR 2 MD5 S (\S+)\r\n")]
    private static partial Regex Md5Challenge();
}
