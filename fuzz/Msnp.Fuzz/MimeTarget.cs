using System.Text;
using System.Text.Unicode;
using Msnp.Protocol.Messages;

namespace Msnp.Fuzz;

/// <summary>
/// MimeMessage and every typed reader on top of it (text/format, invitations, e-mail notifications,
/// system messages, profiles, typing, NOT documents). Properties checked: parsing never throws and
/// stays within the header limits; GetByteCount matches what is written; a message whose header
/// block is valid UTF-8 writes back to bytes that parse to the same headers and body; a text
/// message and an invitation survive their own write and re-read; every property getter of
/// every parsed object runs without throwing.
/// </summary>
internal sealed class MimeTarget : IFuzzTarget
{
    public void Run(byte[] input)
    {
        _ = NotificationDocument.TryParse(input, out var document);
        Properties.TouchAll(document);

        if (!MimeMessage.TryParse(input.AsMemory(), out var message, out _))
        {
            return;
        }

        var limits = MimeLimits.Default;
        Invariant.Check(message.Headers.Count <= limits.MaxHeaders, "more headers than the limit");
        var bytes = message.ToBytes();
        Invariant.Check(bytes.Length == message.GetByteCount(), "GetByteCount differs from the bytes written");
        Properties.TouchAll(message);
        Properties.TouchAll(message.ContentType);

        int headerBlock = input.Length - message.Body.Length;
        if (Utf8.IsValid(input.AsSpan(0, headerBlock)))
        {
            Invariant.Check(MimeMessage.TryParse(bytes.AsMemory(), out var again, out var error), $"written message does not parse: {error}");
            Invariant.Check(again.Headers.Count == message.Headers.Count
                && again.Headers.Zip(message.Headers).All(p => p.First.Name == p.Second.Name && p.First.Value == p.Second.Value),
                "headers changed in a write and re-read");
            Invariant.Check(again.Body.Span.SequenceEqual(message.Body.Span), "body changed in a write and re-read");
        }

        CheckText(message);
        CheckInvitation(message);

        _ = EmailNotification.TryParse(message, out var email);
        Properties.TouchAll(email);
        _ = InitialEmailNotification.TryParse(message, out var initial);
        Properties.TouchAll(initial);
        _ = ActiveMailNotification.TryParse(message, out var active);
        Properties.TouchAll(active);
        _ = SystemMessage.TryParse(message, out var system);
        Properties.TouchAll(system);
        _ = ProfileMessage.TryParse(message, out var profile);
        Properties.TouchAll(profile);
        _ = TypingNotification.TryParse(message, out var typing);
        Properties.TouchAll(typing);
    }

    private static void CheckText(MimeMessage message)
    {
        if (!TextMessage.TryParse(message, out var text))
        {
            return;
        }

        Properties.TouchAll(text);
        Properties.TouchAll(text.Format);
        var written = text.ToBytes();
        Invariant.Check(MimeMessage.TryParse(written.AsMemory(), out var again, out var error), $"written text message does not parse: {error}");
        Invariant.Check(TextMessage.TryParse(again, out var reread), "written text message is not text/plain");
        Invariant.Check(reread.Text == Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.Text)), "text changed in a write and re-read");
        if (text.Format is { } format)
        {
            // The first write normalises; from then on writing and reading must be stable.
            var once = format.ToString();
            Invariant.Check(reread.Format is not null && reread.Format.ToString() == MessageFormat.Parse(once).ToString(),
                "format changed in a write and re-read");
            Invariant.Check(MessageFormat.Parse(once).ToString() == MessageFormat.Parse(MessageFormat.Parse(once).ToString()).ToString(),
                "format is not stable after one normalisation");
        }
    }

    private static void CheckInvitation(MimeMessage message)
    {
        if (!Invitation.TryParse(message, out var invitation))
        {
            return;
        }

        Properties.TouchAll(invitation);
        Properties.TouchAll(invitation.Address);
        byte[] written;
        try
        {
            written = invitation.ToBytes();
        }
        catch (ArgumentException)
        {
            return; // a field the writer refuses (a CR or LF in a value): documented, not a crash
        }

        Invariant.Check(MimeMessage.TryParse(written.AsMemory(), out var again, out var error), $"written invitation does not parse: {error}");
        Invariant.Check(Invitation.TryParse(again, out var reread), "written invitation is not an invitation");
        Invariant.Check(reread.Fields.Count == invitation.Fields.Count, "invitation fields changed in a write and re-read");
    }
}
