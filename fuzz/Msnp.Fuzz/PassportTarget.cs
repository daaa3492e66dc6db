using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Msnp.Protocol.Auth.Passport;
using Msnp.Server.Passport;
using ServerAuthorization = Msnp.Server.Passport.PassportAuthorization;

namespace Msnp.Fuzz;

/// <summary>
/// The Passport request parsers. Byte 0 picks one: the HTTP/0.9 request-line repair (alone and as
/// the PipeReader that Kestrel reads through), the RST.srf SOAP reader, the login server's
/// <c>Authorization: Passport1.4</c> parser, and the protocol library's Passport 1.4 header parsers.
/// </summary>
internal sealed class PassportTarget : IFuzzTarget
{
    public void Run(byte[] input)
    {
        if (input.Length < 1)
        {
            return;
        }

        var data = input.AsMemory(1);
        switch (input[0] % 5)
        {
            case 0: RequestLine(data.Span); break;
            case 1: RepairingReader(input[0], data); break;
            case 2: Rst(data.ToArray()); break;
            case 3: LoginAuthorization(Encoding.UTF8.GetString(data.Span)); break;
            default: ProtocolHeaders(Encoding.UTF8.GetString(data.Span)); break;
        }
    }

    // A repaired line is "method SP target SP HTTP/1.0" (CR kept), and repairing it again changes nothing.
    private static void RequestLine(ReadOnlySpan<byte> data)
    {
        int lf = data.IndexOf((byte)'\n');
        var line = lf >= 0 ? data[..lf] : data;
        if (!RequestLineRepair.TryRepair(line, out var repaired))
        {
            return;
        }

        var content = repaired.AsSpan();
        if (content.EndsWith("\r"u8))
        {
            content = content[..^1];
        }

        Invariant.Check(content.EndsWith(" HTTP/1.0"u8), "repaired line does not end with the version");
        Invariant.Check(content.IndexOfAny((byte)'\r', (byte)'\n') < 0, "repaired line holds CR or LF inside");
        Invariant.Check(content.Count((byte)' ') == 2, "repaired line is not three tokens");
        Invariant.Check(!RequestLineRepair.TryRepair(repaired, out _), "a repaired line was repaired again");
    }

    // The reader must hand Kestrel exactly: the repaired first line (when repairable) and every later byte unchanged.
    private static void RepairingReader(byte control, ReadOnlyMemory<byte> data)
    {
        var expected = Expected(data.Span);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var reader = new RequestLineRepairingReader(pipe.Reader);
        int step = 1 + (control >> 3);
        var write = Task.Run(async () =>
        {
            for (int offset = 0; offset < data.Length; offset += step * 7)
            {
                await pipe.Writer.WriteAsync(data.Slice(offset, Math.Min(step * 7, data.Length - offset))).ConfigureAwait(false);
            }

            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        });

        var received = new List<byte>();
        var read = Task.Run(async () =>
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var take = Math.Min(buffer.Length, step);
                received.AddRange(BuffersExtensions.ToArray(buffer.Slice(0, take)));
                reader.AdvanceTo(buffer.GetPosition(take), buffer.End);
                if (result.IsCompleted && take == buffer.Length)
                {
                    break;
                }
            }

            await reader.CompleteAsync().ConfigureAwait(false);
        });

        Invariant.Check(Task.WhenAll(write, read).Wait(TimeSpan.FromSeconds(10)), "the repairing reader hung");
        Invariant.Check(received.ToArray().AsSpan().SequenceEqual(expected), "the repairing reader changed bytes it must not change");
    }

    private static byte[] Expected(ReadOnlySpan<byte> data)
    {
        var window = data.Length > RequestLineRepair.MaxLineBytes ? data[..RequestLineRepair.MaxLineBytes] : data;
        int lf = window.IndexOf((byte)'\n');
        if (lf < 0 || !RequestLineRepair.TryRepair(data[..lf], out var repaired))
        {
            return data.ToArray();
        }

        return [.. repaired, .. data[lf..]];
    }

    private static void Rst(byte[] body)
    {
        if (!RstRequestReader.TryRead(body, out var request))
        {
            return;
        }

        Invariant.Check(request.Tokens.Count is > 0 and <= RstRequestReader.MaxTokens, $"{request.Tokens.Count} tokens accepted");
        Invariant.Check(request.Tokens.All(t => t.Address.Length > 0 && t.Id.Length > 0), "a token without address or id");
        Invariant.Check(request.Username == request.Username.Trim(), "user name not trimmed");
    }

    // The values end up in password hashing and in a response header: bounded, and ru header-safe.
    private static void LoginAuthorization(string header)
    {
        if (!ServerAuthorization.TryParse(header, out var authorization))
        {
            return;
        }

        Invariant.Check(authorization.SignIn.Length is > 0 and <= 256, "sign-in length outside its bound");
        Invariant.Check(authorization.Password.Length <= 1024, "password length outside its bound");
        Invariant.Check(authorization.ReturnUrl.Length <= 512 && authorization.ReturnUrl.All(c => c is > ' ' and < (char)0x7F and not ',' and not '\''),
            "return URL is not safe to echo into a header");
    }

    private static void ProtocolHeaders(string text)
    {
        if (PassportFieldList.TryParse(text, out var list))
        {
            Invariant.Check(list.Count <= PassportLimits.MaxFields, "more fields than the limit");
            var written = list.ToString();
            Invariant.Check(PassportFieldList.TryParse(written, out var again), "written field list does not parse");
            Invariant.Check(again.SequenceEqual(list), "field list changed in a write and re-read");
        }

        if (Msnp.Protocol.Auth.Passport.PassportAuthorization.TryParse(text, out var authorization))
        {
            Properties.TouchAll(authorization);
            var header = authorization.ToHeaderValue();
            Invariant.Check(Msnp.Protocol.Auth.Passport.PassportAuthorization.TryParse(header, out var again), "written Authorization does not parse");
            Invariant.Check(again.SignIn == authorization.SignIn && again.Password == authorization.Password, "Authorization changed in a write and re-read");
        }

        if (Msnp.Protocol.Auth.Passport.PassportUrls.TryParse(text, out var urls))
        {
            Properties.TouchAll(urls);
            Invariant.Check(Msnp.Protocol.Auth.Passport.PassportUrls.TryParse(urls.ToHeaderValue(), out _), "written PassportURLs does not parse");
        }

        if (PassportLoginStatus.TryParse(text, out var status))
        {
            Properties.TouchAll(status);
            Invariant.Check(PassportLoginStatus.TryParse(status.ToHeaderValue(), out var again), "written status does not parse");
            Invariant.Check(again.Status == status.Status && again.Ticket == status.Ticket, "status changed in a write and re-read");
        }

        if (TweenerChallenge.TryParse(text, out var challenge))
        {
            Properties.TouchAll(challenge);
        }

        if (PassportTicket.TryParse(text, out var ticket))
        {
            Properties.TouchAll(ticket);
            Invariant.Check(PassportTicket.TryParse(ticket.ToString(), out var again) && again.Equals(ticket), "ticket changed in a write and re-read");
        }
    }
}
