using System.Text;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Switchboard;

public sealed class SwitchboardTranscriptTests
{
    private static async Task<(TestServer Server, LineClient Alice, LineClient Bob)> TwoOnlineUsersAsync(string aliceVersion = "MSNP8", string bobVersion = "MSNP8")
    {
        var server = await TestServer.StartAsync(o => o.SwitchboardAuthenticationTimeout = TimeSpan.FromSeconds(2));
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        var alice = aliceVersion is "MSNP8" or "MSNP9" ? await SignIn.TweenerAsync(server, "alice@example.com", aliceVersion) : await SignIn.Md5Async(server, "alice@example.com", "pw", aliceVersion);
        var bob = bobVersion is "MSNP8" or "MSNP9" ? await SignIn.TweenerAsync(server, "bob@example.com", bobVersion) : await SignIn.Md5Async(server, "bob@example.com", "pw", bobVersion);
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);
        return (server, alice, bob);
    }

    private static async Task<ChattingPair> ChattingPairAsync(string aliceVersion = "MSNP8", string bobVersion = "MSNP8")
    {
        var (server, alice, bob) = await TwoOnlineUsersAsync(aliceVersion, bobVersion);
        var sbA = await Chat.OpenAsync(server, alice, "alice@example.com");
        var sbB = await Chat.InviteAsync(server, sbA, 2, bob, "bob@example.com");
        return new ChattingPair(server, alice, bob, sbA, sbB);
    }

    [Fact]
    public async Task Documented_session_create_invite_join_chat_leave()
    {
        var (server, alice, bob) = await TwoOnlineUsersAsync();
        await using (server)
        await using (alice)
        await using (bob)
        {
            await using var sbA = await Chat.OpenAsync(server, alice, "alice@example.com");
            await sbA.SendAsync("CAL 2 bob@example.com\r\n");
            var ringing = await sbA.ReadLineAsync();
            Assert.Matches(@"^CAL 2 RINGING \d+$", ringing);
            var (sbB, roster) = await Chat.AnswerAsync(server, bob, "bob@example.com");
            await using (sbB)
            {
                Assert.Equal(["IRO 1 1 1 alice@example.com Alice"], roster);
                Assert.Equal("JOI bob@example.com Bob", await sbA.ReadLineAsync());

                await Chat.SendTextAsync(sbA, 3, 'A', "Hello Bob");
                var (sender, name, payload) = await Chat.ReceiveAsync(sbB);
                Assert.Equal(("alice@example.com", "Alice"), (sender, name));
                Assert.Equal(Chat.Body("Hello Bob"), Encoding.UTF8.GetString(payload));
                Assert.Equal("ACK 3", await sbA.ReadLineAsync());

                await sbB.SendAsync("OUT\r\n");
                Assert.Null(await sbB.ReadLineAsync());
                Assert.Equal("BYE bob@example.com", await sbA.ReadLineAsync());

                // Nobody left to deliver to: A gets NAK.
                await Chat.SendTextAsync(sbA, 4, 'A', "anyone?");
                Assert.Equal("NAK 4", await sbA.ReadLineAsync());
            }
        }
    }

    [Fact]
    public async Task Payload_bytes_are_relayed_untouched_and_in_order_across_versions()
    {
        await using var pair = await ChattingPairAsync("MSNP7", "MSNP9");
        var (sbA, sbB) = (pair.SbA, pair.SbB);
        var random = new Random(7);
        var sent = new List<byte[]>();
        var batch = new List<byte>();
        for (int i = 0; i < 50; i++)
        {
            var payload = new byte[random.Next(0, 1665)];
            random.NextBytes(payload);
            sent.Add(payload);
            batch.AddRange(Chat.Message(100 + i, 'U', payload));
        }

        await sbA.SendAsync(batch.ToArray());
        foreach (var expected in sent)
        {
            Assert.Equal(expected, (await Chat.ReceiveAsync(sbB)).Payload);
        }
    }

    [Fact]
    public async Task Three_party_chat_roster_and_fan_out()
    {
        await using var server = await TestServer.StartAsync();
        foreach (var n in new[] { "ann", "ben", "cat" })
        {
            await SignIn.CreateAccountAsync(server, $"{n}@example.com", "pw", n);
        }

        await using var ann = await SignIn.TweenerAsync(server, "ann@example.com");
        await using var ben = await SignIn.TweenerAsync(server, "ben@example.com");
        await using var cat = await SignIn.TweenerAsync(server, "cat@example.com", "MSNP9");
        await Chat.GoOnlineAsync(ann);
        await Chat.GoOnlineAsync(ben);
        await Chat.GoOnlineAsync(cat);
        await using var sbAnn = await Chat.OpenAsync(server, ann, "ann@example.com");
        await sbAnn.SendAsync("CAL 2 ben@example.com\r\n");
        await sbAnn.ReadLineStartingWithAsync("CAL 2 RINGING");
        var (sbBen, _) = await Chat.AnswerAsync(server, ben, "ben@example.com");
        await using var sbBenDispose = sbBen;
        Assert.Equal("JOI ben@example.com ben", await sbAnn.ReadLineAsync());

        // Any participant may invite.
        await sbBen.SendAsync("CAL 5 cat@example.com\r\n");
        await sbBen.ReadLineStartingWithAsync("CAL 5 RINGING");
        var (sbCat, roster) = await Chat.AnswerAsync(server, cat, "cat@example.com");
        await using var sbCatDispose = sbCat;
        Assert.Equal(["IRO 1 1 2 ann@example.com ann", "IRO 1 2 2 ben@example.com ben"], roster);
        Assert.Equal("JOI cat@example.com cat", await sbAnn.ReadLineAsync());
        Assert.Equal("JOI cat@example.com cat", await sbBen.ReadLineAsync());

        await Chat.SendTextAsync(sbCat, 2, 'A', "hi all");
        Assert.Equal("cat@example.com", (await Chat.ReceiveAsync(sbAnn)).Sender);
        Assert.Equal("cat@example.com", (await Chat.ReceiveAsync(sbBen)).Sender);
        Assert.Equal("ACK 2", await sbCat.ReadLineAsync());

        // A dropped connection: the others get BYE account 1.
        await sbBen.DisposeAsync();
        Assert.Equal("BYE ben@example.com 1", await sbAnn.ReadLineAsync());
        Assert.Equal("BYE ben@example.com 1", await sbCat.ReadLineAsync());
    }

    [Theory]
    [InlineData("CAL 2 alice@example.com\r\n", "215 2")]
    [InlineData("CAL 2 @@a\r\n", "208 2")]
    [InlineData("CAL 2 nobody@example.com\r\n", "217 2")]
    public async Task Call_errors(string line, string expected)
    {
        var (server, alice, bob) = await TwoOnlineUsersAsync();
        await using (server)
        await using (alice)
        await using (bob)
        {
            await using var sb = await Chat.OpenAsync(server, alice, "alice@example.com");
            await sb.SendAsync(line);
            Assert.Equal(expected, await sb.ReadLineAsync());
        }
    }

    [Fact]
    public async Task Calling_twice_gives_215_and_a_blocking_invitee_gives_217_like_an_offline_one()
    {
        var (server, alice, bob) = await TwoOnlineUsersAsync();
        await using (server)
        await using (alice)
        await using (bob)
        {
            await using var sb = await Chat.OpenAsync(server, alice, "alice@example.com");
            await sb.SendAsync("CAL 2 bob@example.com\r\nCAL 3 bob@example.com\r\n");
            await sb.ReadLineStartingWithAsync("CAL 2 RINGING");
            Assert.Equal("215 3", await sb.ReadLineAsync());

            await bob.SendAsync("BLP 70 BL\r\n");
            await bob.ReadLineStartingWithAsync("BLP 70 ");
            await using var sb2 = await Chat.OpenAsync(server, alice, "alice@example.com", 61);
            await sb2.SendAsync("CAL 4 bob@example.com\r\n");
            Assert.Equal("217 4", await sb2.ReadLineAsync());
        }
    }

    [Fact]
    public async Task Cookies_are_single_use_and_bound_to_their_account()
    {
        var (server, alice, bob) = await TwoOnlineUsersAsync();
        await using (server)
        await using (alice)
        await using (bob)
        {
            await alice.SendAsync("XFR 9 SB\r\n");
            var cookie = (await alice.ReadLineStartingWithAsync("XFR 9 SB ")).Split(' ')[5];

            await using (var thief = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort))
            {
                await thief.SendAsync($"USR 1 bob@example.com {cookie}\r\n");
                Assert.Equal("911 1", await thief.ReadLineAsync());
            }

            // The failed attempt consumed the cookie: it cannot be used again, even by its owner.
            await using var late = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort);
            await late.SendAsync($"USR 1 alice@example.com {cookie}\r\n");
            Assert.Equal("911 1", await late.ReadLineAsync());

            await using var answer = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort);
            await answer.SendAsync("ANS 1 bob@example.com 1.2.3 12345\r\n");
            Assert.Equal("911 1", await answer.ReadLineAsync());
        }
    }

    [Theory]
    [InlineData("MSG 3 a 2\r\nhi")]
    [InlineData("MSG 3 X 2\r\nhi")]
    [InlineData("MSG 3 D 2\r\nhi")]
    [InlineData("MSG 3 A\r\n")]
    [InlineData("MSG 3 A 1665\r\n")]
    [InlineData("CAL 3\r\n")]
    public async Task Bad_messages_disconnect_without_delivery(string line)
    {
        await using var pair = await ChattingPairAsync();
        var (sbA, sbB) = (pair.SbA, pair.SbB);
        await sbA.SendAsync(Encoding.ASCII.GetBytes(line));
        Assert.Null(await sbA.ReadLineAsync());
        Assert.Equal("BYE alice@example.com 1", await sbB.ReadLineAsync());
    }

    [Fact]
    public async Task Ack_mode_D_is_MSNP9_only_and_a_malformed_D_message_gets_282()
    {
        await using var pair = await ChattingPairAsync("MSNP9", "MSNP9");
        var (sbA, sbB) = (pair.SbA, pair.SbB);
        await Chat.SendTextAsync(sbA, 3, 'D', "data");
        Assert.Equal("MSG alice@example.com Alice", string.Join(' ', (await sbB.ReadLineAsync())!.Split(' ')[..3]));
        Assert.Equal("ACK 3", await sbA.ReadLineAsync());
        await sbA.SendAsync("MSG 4 D 3\r\nbad");
        Assert.Equal("282 4", await sbA.ReadLineAsync());
        Assert.True(await sbA.IsClosedAsync());
    }

    [Fact]
    public async Task A_connection_that_never_authenticates_is_closed()
    {
        await using var server = await TestServer.StartAsync(o => o.SwitchboardAuthenticationTimeout = TimeSpan.FromMilliseconds(300));
        await using var idle = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort);
        Assert.Null(await idle.ReadLineAsync());
    }

    [Fact]
    public async Task A_receiver_that_stops_reading_is_dropped_while_the_others_keep_receiving()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.OutputLimitBytes = 64 * 1024;
            o.StalledReceiverTimeout = TimeSpan.FromSeconds(1);
        });
        foreach (var n in new[] { "sam", "sue", "sid" })
        {
            await SignIn.CreateAccountAsync(server, $"{n}@example.com", "pw", n);
        }

        await using var sam = await SignIn.TweenerAsync(server, "sam@example.com");
        await using var sue = await SignIn.TweenerAsync(server, "sue@example.com");
        await using var sid = await SignIn.TweenerAsync(server, "sid@example.com");
        await Chat.GoOnlineAsync(sam);
        await Chat.GoOnlineAsync(sue);
        await Chat.GoOnlineAsync(sid);
        await using var sbSam = await Chat.OpenAsync(server, sam, "sam@example.com");
        await sbSam.SendAsync("CAL 2 sue@example.com\r\n");
        await sbSam.ReadLineStartingWithAsync("CAL 2 RINGING");
        var (sbSue, _) = await Chat.AnswerAsync(server, sue, "sue@example.com");
        await using var sueDispose = sbSue;
        await sbSam.ReadLineStartingWithAsync("JOI sue");
        await sbSam.SendAsync("CAL 3 sid@example.com\r\n");
        await sbSam.ReadLineStartingWithAsync("CAL 3 RINGING");
        var (sbSid, _) = await Chat.AnswerAsync(server, sid, "sid@example.com");
        await using var sidDispose = sbSid;
        await sbSam.ReadLineStartingWithAsync("JOI sid");
        await sbSue.ReadLineStartingWithAsync("JOI sid");

        // Sid never reads; Sue reads everything. Sam sends far more than socket buffers and the output limit hold.
        var payload = new byte[1600];
        const int total = 100 * 100;
        var reader = Task.Run(async () =>
        {
            int received = 0;
            bool sawBye = false;
            while (received < total)
            {
                var line = await sbSue.ReadLineAsync() ?? throw new IOException("Sue was disconnected");
                if (line == "BYE sid@example.com 1")
                {
                    sawBye = true;
                    continue;
                }

                var parts = line.Split(' ');
                Assert.Equal("sam@example.com", parts[1]);
                await sbSue.ReadBytesAsync(int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
                received++;
            }

            return (received, sawBye);
        });
        var chunk = Enumerable.Range(0, 100).SelectMany(i => Chat.Message(1000 + i, 'U', payload)).ToArray();
        for (int i = 0; i < 100; i++)
        {
            await sbSam.SendAsync(chunk);
        }

        // Sue, who keeps reading, gets every message; Sid, who stalled, was dropped.
        var (received, sawBye) = await reader;
        Assert.Equal(total, received);
        Assert.True(sawBye);
    }

    [Fact]
    public async Task Twenty_participants_share_one_session()
    {
        await using var server = await TestServer.StartAsync();
        const int count = 20;
        var names = Enumerable.Range(0, count).Select(i => $"user{i:00}@example.com").ToArray();
        var ns = new List<LineClient>();
        var sbs = new List<LineClient>();
        try
        {
            foreach (var name in names)
            {
                await SignIn.CreateAccountAsync(server, name, "pw", name[..6]);
                var client = await SignIn.TweenerAsync(server, name, ns.Count % 2 == 0 ? "MSNP8" : "MSNP9");
                ns.Add(client);
                await Chat.GoOnlineAsync(client);
            }

            sbs.Add(await Chat.OpenAsync(server, ns[0], names[0]));
            for (int i = 1; i < count; i++)
            {
                await sbs[0].SendAsync($"CAL {i + 1} {names[i]}\r\n");
                await sbs[0].ReadLineStartingWithAsync($"CAL {i + 1} RINGING");
                var (sb, roster) = await Chat.AnswerAsync(server, ns[i], names[i]);
                Assert.Equal(i, roster.Length);
                sbs.Add(sb);

                // Everyone already inside hears about the newcomer.
                for (int j = 0; j < i; j++)
                {
                    Assert.Equal($"JOI {names[i]} {names[i][..6]}", await sbs[j].ReadLineAsync());
                }
            }

            await Chat.SendTextAsync(sbs[5], 99, 'A', "hello everyone");
            for (int j = 0; j < count; j++)
            {
                if (j != 5)
                {
                    Assert.Equal(names[5], (await Chat.ReceiveAsync(sbs[j])).Sender);
                }
            }

            Assert.Equal("ACK 99", await sbs[5].ReadLineAsync());
        }
        finally
        {
            foreach (var c in sbs.Concat(ns))
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Expired_cookies_are_refused_for_creating_and_for_answering()
    {
        await using var server = await TestServer.StartAsync(o => o.SwitchboardCookieLifetime = TimeSpan.FromMilliseconds(200));
        await SignIn.CreateAccountAsync(server, "alice@example.com", "pw", "Alice");
        await SignIn.CreateAccountAsync(server, "bob@example.com", "pw", "Bob");
        await using var alice = await SignIn.TweenerAsync(server, "alice@example.com");
        await using var bob = await SignIn.TweenerAsync(server, "bob@example.com");
        await Chat.GoOnlineAsync(alice);
        await Chat.GoOnlineAsync(bob);

        await alice.SendAsync("XFR 9 SB\r\n");
        var cookie = (await alice.ReadLineStartingWithAsync("XFR 9 SB ")).Split(' ')[5];
        await Task.Delay(400);
        await using (var late = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort))
        {
            await late.SendAsync($"USR 1 alice@example.com {cookie}\r\n");
            Assert.Equal("911 1", await late.ReadLineAsync());
        }

        await using var sbA = await Chat.OpenAsync(server, alice, "alice@example.com");
        await sbA.SendAsync("CAL 2 bob@example.com\r\n");
        await sbA.ReadLineStartingWithAsync("CAL 2 RINGING ");
        var rng = (await bob.ReadLineStartingWithAsync("RNG ")).Split(' ');
        await Task.Delay(400);
        await using var sbB = await LineClient.ConnectAsync(server.Host.Endpoints.SwitchboardPort);
        await sbB.SendAsync($"ANS 1 bob@example.com {rng[4]} {rng[1]}\r\n");
        Assert.Equal("911 1", await sbB.ReadLineAsync());
    }

    /// <summary>Alice and Bob signed in, online, and together in one switchboard session.</summary>
    private sealed record ChattingPair(TestServer Server, LineClient Alice, LineClient Bob, LineClient SbA, LineClient SbB) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var client in new[] { SbB, SbA, Bob, Alice })
            {
                await client.DisposeAsync();
            }

            await Server.DisposeAsync();
        }
    }
}
