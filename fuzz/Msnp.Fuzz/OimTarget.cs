using System.Text;
using Msnp.Protocol.Oim;
using Msnp.Server.Oim;
using Msnp.Server.Soap;

namespace Msnp.Fuzz;

/// <summary>
/// The offline-message readers. Byte 0 mod 4 picks: the posted content (<see cref="OimStoreContent"/>),
/// the retrieved mail text (<see cref="OimRetrievedMessage"/>) and the RFC 2047 name, the mail-data
/// document (<see cref="OimMailData"/>), or a whole <c>Store2</c> envelope through the bounded reader
/// into <see cref="OimStoreRequest"/> and the lock-key check.
/// </summary>
internal sealed class OimTarget : IFuzzTarget
{
    public void Run(byte[] input)
    {
        if (input.Length < 1)
        {
            return;
        }

        var data = input.AsSpan(1);
        var text = Encoding.UTF8.GetString(data);
        switch (input[0] % 4)
        {
            case 0: Content(text); break;
            case 1: Retrieved(text); break;
            case 2: MailData(text); break;
            default: Store(data); break;
        }
    }

    // Read content written back reads to the same text, run id and sequence number.
    private static void Content(string text)
    {
        if (!OimStoreContent.TryRead(text, out var content))
        {
            return;
        }

        Invariant.Check(content!.Sequence >= 0, "a negative sequence number was read");
        Invariant.Check(OimStoreContent.TryRead(content.Write(), out var again), "written content does not read back");
        Invariant.Check(again == content, "written content reads back different");
    }

    // The mail text never throws; a read message written back reads to the same sender, name and text.
    private static void Retrieved(string text)
    {
        var name = OimMimeText.DecodeWord(text);
        Invariant.Check(name.Length <= text.Length, "a decoded name is longer than its encoded word");
        if (!OimRetrievedMessage.TryRead(text, out var message))
        {
            return;
        }

        var written = (message! with { SentAt = DateTimeOffset.UnixEpoch }).Write();
        Invariant.Check(OimRetrievedMessage.TryRead(written, out var again), "a written message does not read back");
        Invariant.Check(again!.Text == message.Text, "a written message reads back a different text");
    }

    // A read document holds at most the entry limit, and written back reads to the same entries.
    private static void MailData(string text)
    {
        if (!OimMailData.TryRead(text, out var entries))
        {
            return;
        }

        Invariant.Check(entries.Count <= OimMailData.MaxEntries, "more entries than the limit were read");
        Invariant.Check(OimMailData.TryRead(OimMailData.Write(entries), out var again), "a written document does not read back");
        Invariant.Check(again.Count == entries.Count, "a written document reads back a different number of entries");
    }

    // Any envelope the bounded reader accepts is read as a Store request without throwing; a
    // friendly name is cut to its limit; a lock key is accepted only when it answers the ticket's challenge.
    private static void Store(ReadOnlySpan<byte> body)
    {
        var envelope = SoapEnvelopeReader.TryRead(body, SoapLimits.Default);
        if (envelope is null)
        {
            return;
        }

        var request = OimStoreRequest.Read(envelope);
        Invariant.Check(request.FriendlyName.Length <= OimStoreRequest.MaxFriendlyNameChars, "a friendly name over the limit was kept");
        _ = OimMimeText.DecodeWord(request.FriendlyName);
        var challenge = OimLockKey.ChallengeFor(request.Ticket ?? string.Empty);
        if (OimLockKey.Verify(challenge, request.AppId, request.LockKey))
        {
            var key = OimLockKey.AcceptedKeys.FirstOrDefault(k => string.Equals(k.ClientId, request.AppId, StringComparison.OrdinalIgnoreCase));
            Invariant.Check(key is not null, "a lock key for an unknown product was accepted");
            Invariant.Check(string.Equals(OimLockKey.Answer(challenge, key), request.LockKey, StringComparison.OrdinalIgnoreCase), "a lock key that does not answer the challenge was accepted");
        }

        if (request.Content is { } content)
        {
            Content(content);
        }
    }
}
