using System.Net;
using System.Net.Sockets;
using System.Text;
using Msnp.Load.Targets;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Framing;

namespace Msnp.Load.Net;

/// <summary>
/// The sign-in scenario's measured ticket sign-in (MSNP8–14) on a bare socket: connect, <c>VER</c>,
/// <c>CVR</c>, <c>USR TWN I</c>, <c>USR TWN S</c> with the ticket and <c>OUT</c> in one write (the
/// tickets are issued beforehand, and the server handles commands in order: it signs the account in,
/// answers, signs it out and closes), then every reply read in place with the protocol's frame
/// scanner until the profile message: the <c>USR TWN S</c> challenge, <c>USR OK</c>, the profile
/// (whole, payload included); an error reply or a close before them fails the sign-in. One buffer
/// per worker, reused, so the load side builds no stream, pipes or strings per sign-in; the
/// set-up steps and the other scenarios use <see cref="LoadConnection"/>.
/// </summary>
public sealed class TicketSignIn
{
    private const int BufferSize = 8 * 1024;

    // The replies waited for, in order; other lines between them (SBS, …) are skipped.
    private static readonly byte[][] Expected = ["USR 3 TWN S "u8.ToArray(), "USR 4 OK "u8.ToArray(), "MSG Hotmail Hotmail "u8.ToArray()];

    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly FrameScanner _scanner;
    private readonly byte[] _opening;

    /// <summary>A sign-in of <paramref name="dialect"/> (MSNP8–14, which sign in with a ticket).</summary>
    public TicketSignIn(MsnpDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        if (dialect.Authentication != AuthenticationMethod.Tweener)
        {
            throw new ArgumentException($"{dialect.Name} does not sign in with a ticket.", nameof(dialect));
        }

        _scanner = new FrameScanner(CommandTable.For(dialect, FrameDirection.ServerToClient));
        _opening = Encoding.ASCII.GetBytes(dialect.Version == 8
            ? "VER 1 MSNP8 CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0544 MSMSGS "
            : $"VER 1 {dialect.Name} CVR0\r\nCVR 2 0x0409 win 4.10 i386 MSNMSGR 7.5.0324 MSMSGS ");
    }

    /// <summary>Signs <paramref name="account"/> in at <paramref name="notification"/> (a loopback address) and out again.</summary>
    /// <exception cref="InvalidOperationException">The server answered with an error.</exception>
    /// <exception cref="InvalidDataException">The server's bytes break framing, or a reply does not fit the buffer.</exception>
    /// <exception cref="EndOfStreamException">The server closed the connection before the profile message.</exception>
    public async Task RunAsync(IPEndPoint notification, LoadAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(account);
        if (!IPAddress.IsLoopback(notification.Address))
        {
            throw new ArgumentException($"msnp load only targets loopback addresses, not {notification.Address}.", nameof(notification));
        }

        using var socket = new Socket(notification.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(notification, cancellationToken).ConfigureAwait(false);
        var length = WriteCommands(account);
        for (var sent = 0; sent < length;)
        {
            sent += await socket.SendAsync(_buffer.AsMemory(sent, length - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        var filled = 0;
        var stage = 0;
        while (true)
        {
            if (filled == _buffer.Length)
            {
                throw new InvalidDataException($"A reply from the server is longer than {BufferSize} bytes.");
            }

            var received = await socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }

            filled += received;
            var consumed = Consume(filled, ref stage);
            if (stage == Expected.Length)
            {
                return;
            }

            // The start of an incomplete frame moves to the front for the next receive.
            _buffer.AsSpan(consumed, filled - consumed).CopyTo(_buffer);
            filled -= consumed;
        }
    }

    private int WriteCommands(LoadAccount account)
    {
        var span = _buffer.AsSpan();
        var at = 0;
        void Put(ReadOnlySpan<byte> bytes, Span<byte> to)
        {
            bytes.CopyTo(to[at..]);
            at += bytes.Length;
        }

        void PutText(string text, Span<byte> to) => at += Encoding.ASCII.GetBytes(text, to[at..]);

        Put(_opening, span);
        PutText(account.Email, span);
        Put("\r\nUSR 3 TWN I "u8, span);
        PutText(account.Email, span);
        Put("\r\nUSR 4 TWN S "u8, span);
        PutText(account.Ticket, span);
        Put("\r\nOUT\r\n"u8, span);
        return at;
    }

    // Frames the received bytes, advancing through the expected replies; returns the bytes consumed.
    private int Consume(int filled, ref int stage)
    {
        var offset = 0;
        while (stage < Expected.Length)
        {
            var rest = _buffer.AsSpan(offset, filled - offset);
            var status = _scanner.TryRead(rest, out var layout, out var violation);
            if (status == ScanStatus.NeedMoreData)
            {
                return offset;
            }

            if (status == ScanStatus.Violation)
            {
                throw new InvalidDataException($"Unreadable frame from the server: {violation}");
            }

            var line = rest[..layout.LineLength];
            if (line.StartsWith(Expected[stage]))
            {
                stage++;
            }
            else if (line.Length > 3 && char.IsAsciiDigit((char)line[0]))
            {
                throw new InvalidOperationException($"The server answered with an error while waiting for '{Encoding.ASCII.GetString(Expected[stage])}': {Encoding.UTF8.GetString(line).TrimEnd()}");
            }

            offset += layout.TotalLength;
        }

        return offset;
    }
}
