using System.Text;
using System.Text.RegularExpressions;
using Msnp.Protocol.Dialects;

namespace Msnp.Fuzz;

/// <summary>
/// The server's command handling: fuzzed bytes go into a notification or switchboard connection
/// in-process. Byte 0 picks the scene (mod 5: notification unauthenticated, notification signed in,
/// switchboard unauthenticated, switchboard joined alone, switchboard joined with bob) and the
/// dialect; the rest is what the client sends, followed by the end of the stream. Properties
/// checked: the handler never throws and ends once the input ends; every byte the server writes is
/// part of a well-formed frame; when the connection is gone alice is no longer registered as online
/// and no switchboard session is left open; bob's connection only ever receives well-formed frames.
/// </summary>
internal sealed partial class ServerTarget : IFuzzTarget
{
    public void Run(byte[] input)
    {
        if (input.Length < 1)
        {
            return;
        }

        var harness = ServerHarness.Instance;
        var scene = input[0] % 5;
        var dialect = MsnpDialect.FromVersion(MsnpDialect.MinimumVersion + (input[0] / 5 % (MsnpDialect.MaximumVersion - MsnpDialect.MinimumVersion + 1)));
        var data = input.AsSpan(1);

        InMemoryConnection connection;
        InMemoryConnection? bobSwitchboard = null;
        InMemoryConnection? aliceNotification = null;
        int preambleLength = 0;
        switch (scene)
        {
            case 0:
                connection = new InMemoryConnection(harness.Notification);
                break;
            case 1:
                connection = harness.SignIn(ServerHarness.AliceAccount, dialect);
                break;
            case 2:
                connection = new InMemoryConnection(harness.Switchboard);
                break;
            default:
                connection = JoinSwitchboard(harness, dialect, scene == 4, out aliceNotification, out bobSwitchboard);
                break;
        }

        if (scene is 1 or 3 or 4)
        {
            connection.Drain();
            preambleLength = connection.Received.Length;
        }

        connection.Write(data);
        connection.CompleteInput();
        Invariant.Check(connection.Handler.Wait(ServerHarness.Step), "the session did not end after its input ended");
        connection.Drain();
        if (bobSwitchboard is not null)
        {
            bobSwitchboard.CompleteInput();
            Invariant.Check(bobSwitchboard.Handler.Wait(ServerHarness.Step), "bob's switchboard session did not end");
            bobSwitchboard.Drain();
            var bobProblem = ReplyChecker.Problem(bobSwitchboard.Received, MsnpDialect.Msnp8);
            Invariant.Check(bobProblem is null, $"bob's switchboard got: {bobProblem}");
        }

        if (aliceNotification is not null)
        {
            aliceNotification.CompleteInput();
            Invariant.Check(aliceNotification.Handler.Wait(ServerHarness.Step), "alice's notification session did not end");
        }

        var output = connection.Received;
        var problem = scene is 0 or 2 ? ReplyChecker.ProblemInAnyDialect(output) : ReplyChecker.Problem(output, dialect);
        Invariant.Check(problem is null, $"{problem} (after {preambleLength} bytes of preamble)");
        Invariant.Check(!harness.IsOnline(ServerHarness.AliceAccount), "alice is still registered as online after her connection ended");
        Invariant.Check(harness.Rooms.Count == 0, $"{harness.Rooms.Count} switchboard sessions left open");

        var bob = harness.Bob;
        bob.Drain();
        var bobNotification = ReplyChecker.Problem(bob.Received, MsnpDialect.Msnp8);
        Invariant.Check(bobNotification is null, $"bob's notification connection got: {bobNotification}");
    }

    // Alice signs in, asks for a switchboard (XFR SB) and opens it with the cookie; with bob, she
    // CALs him and his harness-run client answers the RNG.
    private static InMemoryConnection JoinSwitchboard(ServerHarness harness, MsnpDialect dialect, bool withBob, out InMemoryConnection aliceNotification, out InMemoryConnection? bobSwitchboard)
    {
        bobSwitchboard = null;
        var bob = withBob ? harness.Bob : null;
        int bobSeen = bob is null ? 0 : Encoding.UTF8.GetString(bob.Received).Length;
        aliceNotification = harness.SignIn(ServerHarness.AliceAccount, dialect);
        aliceNotification.Write("CHG 90 NLN\r\nXFR 91 SB\r\n");
        Match? transfer = null;
        var ns = aliceNotification;
        Invariant.Check(ns.WaitFor(t => (transfer = Transfer().Match(t)).Success, ServerHarness.Step), "XFR SB failed");
        var cookie = transfer!.Groups[1].Value;
        var alice = new InMemoryConnection(harness.Switchboard);
        alice.Write($"USR 1 {ServerHarness.AliceAccount} {cookie}\r\n");
        Invariant.Check(alice.WaitFor(t => t.Contains("USR 1 OK", StringComparison.Ordinal), ServerHarness.Step), "switchboard USR failed");
        if (bob is null)
        {
            return alice;
        }

        alice.Write($"CAL 2 {ServerHarness.BobAccount}\r\n");
        Match? ring = null;
        Invariant.Check(bob.WaitFor(t => (ring = Ring().Match(t, Math.Min(bobSeen, t.Length))).Success, ServerHarness.Step), "bob was not rung");
        bobSwitchboard = new InMemoryConnection(harness.Switchboard);
        bobSwitchboard.Write($"ANS 1 {ServerHarness.BobAccount} {ring!.Groups[2].Value} {ring.Groups[1].Value}\r\n");
        Invariant.Check(alice.WaitFor(t => t.Contains("JOI " + ServerHarness.BobAccount, StringComparison.Ordinal), ServerHarness.Step), "bob did not join");
        return alice;
    }

    [GeneratedRegex(@"RNG (\S+) \S+ CKI (\S+) alice@fuzz\.test")]
    private static partial Regex Ring();

    [GeneratedRegex(@"XFR 91 SB \S+ CKI (\S+)")]
    private static partial Regex Transfer();
}
