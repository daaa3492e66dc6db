using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Msnp.Protocol.Oim;
using Msnp.Server.Tests.Soap;
using Msnp.Server.Tests.Support;
using static Msnp.Server.Tests.Oim.OimRequests;

namespace Msnp.Server.Tests.Oim;

/// <summary>
/// Offline messages end to end over a real server: <c>Store2</c> over real HTTPS with tickets from
/// <c>RST.srf</c>, delivery in the NS mail data at sign-in over a real socket, <c>rsi.asmx</c>
/// retrieval and deletion, restarts, limits and every refusal.
/// </summary>
public sealed partial class OfflineMessageServiceTests
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private const string Carol = "carol@example.com";
    private static readonly XNamespace Rsi = "http://www.hotmail.msn.com/ws/2004/09/oim/rsi";

    [Theory]
    [InlineData("MSNP11")]
    [InlineData("MSNP12")]
    public async Task A_message_survives_a_restart_is_listed_at_sign_in_fetched_once_and_deleted(string version)
    {
        var directory = Path.Combine(Path.GetTempPath(), "msnp-oim-" + Guid.NewGuid().ToString("N"));
        try
        {
            string id;
            await using (var scene = await SoapScene.StartAsync(configure: o => o.DataDirectory = directory))
            {
                await scene.CreateAccountAsync(Alice, "Alice");
                await scene.CreateAccountAsync(Bob, "Bob");
                var ticket = await scene.RstTicketAsync(Alice, "messengersecure.live.com");

                var stored = await StoreWithLockKeyAsync(scene, Alice, Bob, ticket, "Ünïcode ☕ while you were out", friendlyName: OimMimeText.EncodeWord("Alice ✓"));

                Assert.Equal(HttpStatusCode.OK, stored.Status);
                Assert.Null(stored.Fault);
                Assert.Equal("StoreResponse", stored.Response.Name.LocalName);
                Assert.Equal("http://messenger.live.com/ws/2006/09/oim/", stored.Response.Name.NamespaceName);
                var ack = stored.Xml.Descendants().Single(e => e.Name.LocalName == "AcknowledgmentRange");
                Assert.Equal(("1", "1"), (ack.Attribute("Upper")!.Value, ack.Attribute("Lower")!.Value));
            }

            // A new server process on the same data: the message is still there.
            await using (var scene = await SoapScene.StartAsync(configure: o => o.DataDirectory = directory))
            {
                await using var bob = await SignIn.TweenerAsync(scene.Server, Bob, version);
                await bob.SendAsync("CHG 5 NLN 0\r\n");
                var mailData = await ReadMailDataAsync(bob);
                Assert.True(OimMailData.TryRead(mailData, out var entries), mailData);
                var entry = Assert.Single(entries);
                Assert.Equal((Alice, "Alice ✓"), (entry.Sender, entry.SenderName));
                Assert.StartsWith("<MD><E><I>0</I>", mailData, StringComparison.Ordinal);
                Assert.Contains("<F>00000000-0000-0000-0000-000000000009</F>", mailData, StringComparison.Ordinal);
                id = entry.Id;

                var ticket = await scene.RstTicketAsync(Bob, "messenger.msn.com");
                var fetched = await scene.PostAsync("/rsi/rsi.asmx", RsiBase + "GetMessage", GetMessage(ticket, id), host: "rsi.hotmail.com");
                Assert.Equal(HttpStatusCode.OK, fetched.Status);
                var text = fetched.Response.Element(Rsi + "GetMessageResult")!.Value;
                AssertReadsAsPidginDoes(text, Alice, "Ünïcode ☕ while you were out");
                Assert.True(OimRetrievedMessage.TryRead(text, out var read));
                Assert.Equal((Alice, "Alice ✓", Bob, "Ünïcode ☕ while you were out"), (read!.Sender, read.SenderName, read.Recipient, read.Text));

                var deleted = await scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(ticket, id), host: "rsi.hotmail.com");
                Assert.Equal(HttpStatusCode.OK, deleted.Status);
                Assert.Equal("DeleteMessagesResponse", deleted.Response.Name.LocalName);

                // The signed-in session hears of the deletion as the service told it: mail moved from the OIM folder to the trash.
                var moved = await ReadActiveMailAsync(bob);
                Assert.Equal((".!!OIM", ".!!trAsH", "1"), (moved["Src-Folder"], moved["Dest-Folder"], moved["Message-Delta"]));

                // Deleting it again deletes nothing and tells nothing: the next line after the repeat is the answer to a later command.
                Assert.Equal(HttpStatusCode.OK, (await scene.PostAsync("/rsi/rsi.asmx", RsiBase + "DeleteMessages", DeleteMessages(ticket, id), host: "rsi.hotmail.com")).Status);
                await bob.SendAsync("PNG\r\n");
                Assert.StartsWith("QNG", await bob.ReadLineAsync(), StringComparison.Ordinal);

                var again = await scene.PostAsync("/rsi/rsi.asmx", RsiBase + "GetMessage", GetMessage(ticket, id), host: "rsi.hotmail.com");
                Assert.Equal(HttpStatusCode.InternalServerError, again.Status);
                Assert.Equal("soap:Client", again.FaultCode);

                var metadata = await scene.PostAsync("/rsi/rsi.asmx", RsiBase + "GetMetadata", GetMetadata(ticket), host: "rsi.hotmail.com");
                Assert.Equal("<MD xmlns=\"http://www.hotmail.msn.com/ws/2004/09/oim/rsi\" />", metadata.Response.Elements().Single().ToString());
            }

            // And the next sign-in lists nothing.
            await using (var scene = await SoapScene.StartAsync(configure: o => o.DataDirectory = directory))
            {
                await using var bob = await SignIn.TweenerAsync(scene.Server, Bob, version);
                await bob.SendAsync("CHG 5 NLN 0\r\n");
                Assert.Equal(Msnp.Protocol.Messages.InitialMailDataNotification.EmptyMailData, await ReadMailDataAsync(bob));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Many_messages_make_the_sign_in_field_too_large_and_GetMetadata_lists_them_all()
    {
        await using var scene = await SoapScene.StartAsync(configure: o => o.Limits.OfflineMessagesPerMinute = 0);
        await scene.CreateAccountAsync(Alice);
        await scene.CreateAccountAsync(Bob);
        var ticket = await scene.RstTicketAsync(Alice, "messengersecure.live.com");
        for (int i = 1; i <= 26; i++)
        {
            Assert.Null((await StoreWithLockKeyAsync(scene, Alice, Bob, ticket, "n" + i, i)).Fault);
        }

        await using var bob = await SignIn.TweenerAsync(scene.Server, Bob, "MSNP12");
        await bob.SendAsync("CHG 5 NLN 0\r\n");
        Assert.Equal(OimMailData.TooLarge, await ReadMailDataAsync(bob));

        var metadata = await scene.PostAsync("/rsi/rsi.asmx", RsiBase + "GetMetadata", GetMetadata(await scene.TicketAsync(Bob)), host: "rsi.hotmail.com");
        Assert.True(OimMailData.TryRead(metadata.Response.Elements().Single().ToString(SaveOptions.DisableFormatting), out var entries));
        Assert.Equal(26, entries.Count);
        Assert.All(entries, e => Assert.Equal(Alice, e.Sender));
    }

    [Fact]
    public async Task A_recipient_appearing_offline_is_told_at_once()
    {
        await using var scene = await SoapScene.StartAsync();
        await scene.CreateAccountAsync(Alice);
        await scene.CreateAccountAsync(Bob);
        await using var bob = await SignIn.TweenerAsync(scene.Server, Bob, "MSNP12");
        await bob.SendAsync("CHG 5 HDN 0\r\n");
        Assert.Equal(Msnp.Protocol.Messages.InitialMailDataNotification.EmptyMailData, await ReadMailDataAsync(bob));

        var stored = await StoreWithLockKeyAsync(scene, Alice, Bob, await scene.TicketAsync(Alice), "are you there?");
        Assert.Null(stored.Fault);

        var mailData = await ReadMailDataAsync(bob, "text/x-msmsgsoimnotification");
        Assert.True(OimMailData.TryRead(mailData, out var entries));
        Assert.Equal(Alice, Assert.Single(entries).Sender);
    }

    // What libpurple's msn_oim_report_to_user does with GetMessageResult: headers split on "\n", the
    // body after the first "\n\n" base64-decoded, the sender between '<' and '>' of the second
    // space-separated token of From, the Date read as "%02d %03s %04d %02d:%02d:%02d %05s".
    private static void AssertReadsAsPidginDoes(string result, string sender, string text)
    {
        Assert.DoesNotContain('\r', result);
        int blank = result.IndexOf("\n\n", StringComparison.Ordinal);
        Assert.True(blank > 0);
        var headers = result[..blank].Split('\n').ToDictionary(l => l[..l.IndexOf(':')], l => l[(l.IndexOf(':') + 1)..].Trim());
        var body = Convert.FromBase64String(result[(blank + 2)..].Replace("\n", string.Empty, StringComparison.Ordinal));
        Assert.Equal(text, Encoding.UTF8.GetString(body));
        var fromTokens = headers["From"].Split(' ', 2);
        var from = fromTokens.Length == 2 ? fromTokens[1] : fromTokens[0];
        Assert.Equal(sender, from[(from.IndexOf('<') + 1)..from.IndexOf('>')]);
        Assert.Matches(PidginDate(), headers["Date"]);
        Assert.Equal("text/plain; charset=UTF-8", headers["Content-Type"]);
        Assert.All(result[(blank + 2)..].Split('\n'), line => Assert.True(line.Length <= 76));
    }

    [GeneratedRegex(@"^\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$")]
    private static partial Regex PidginDate();
}
