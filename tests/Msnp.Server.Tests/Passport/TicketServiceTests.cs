using System.Buffers.Text;
using System.Security.Cryptography;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

public sealed class TicketServiceTests
{
    private static readonly DateTimeOffset Start = new(2003, 9, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(TicketSigningKey.Length);
    private readonly ManualTimeProvider _clock = new(Start);

    private TicketService Service(byte[]? key = null) => new(key ?? _key, TimeSpan.FromHours(24), _clock);

    [Fact]
    public void Issued_ticket_validates_for_its_account_in_any_case()
    {
        var ticket = Service().Issue("Alice@Example.com");

        Assert.Equal(TicketValidation.Valid, Service().Validate(ticket.Value, "alice@example.com"));
        Assert.Equal(TicketValidation.Valid, Service().Validate(ticket.Value, "ALICE@EXAMPLE.COM"));
    }

    [Fact]
    public void Ticket_has_the_passport_shape_and_only_characters_safe_in_headers_and_command_lines()
    {
        var ticket = Service().Issue("alice@example.com");

        Assert.Matches("^t=[A-Za-z0-9_-]+&p=[A-Za-z0-9_-]+$", ticket.Value);
        Assert.Equal($"t={ticket.T}&p={ticket.P}", ticket.Value);
        Assert.Equal(Start, ticket.IssuedAt);
        Assert.Equal(Start.AddHours(24), ticket.ExpiresAt);
    }

    [Fact]
    public void The_scope_is_read_back_checked_by_both_MACs_and_a_ticket_from_before_scopes_is_General()
    {
        var service = Service();
        foreach (var scope in new[] { TicketScope.General, TicketScope.MessengerSecure, TicketScope.Service })
        {
            var ticket = service.Issue("alice@example.com", [7], scope);
            Assert.Equal(scope, service.ReadScope(ticket.Value));
            Assert.Equal(scope, service.ReadScope(ticket.T));
            Assert.Equal(TicketValidation.Valid, service.Validate(ticket.Value, "alice@example.com", [7]));
            Assert.Equal(TicketValidation.Valid, service.ValidateAuthCookie(ticket.T, "alice@example.com", [7]));
        }

        // Format 3 (the layout before scopes) is the General scope: such tickets keep working.
        var plain = service.Issue("alice@example.com", [7]);
        Assert.Equal(3, Base64Url.DecodeFromChars(plain.T)[0]);
        Assert.Equal(TicketScope.General, service.ReadScope(plain.Value));

        // An address book ticket turned into a messengersecure one by editing the byte no longer verifies.
        var contacts = service.Issue("alice@example.com", [7], TicketScope.Service);
        var t = Base64Url.DecodeFromChars(contacts.T);
        t[0] = (byte)TicketScope.MessengerSecure;
        var forged = $"t={Base64Url.EncodeToString(t)}&p={contacts.P}";
        Assert.Equal(TicketScope.MessengerSecure, service.ReadScope(forged));
        Assert.Equal(TicketValidation.BadSignature, service.Validate(forged, "alice@example.com", [7]));
        Assert.Equal(TicketValidation.BadSignature, service.ValidateAuthCookie(Base64Url.EncodeToString(t), "alice@example.com", [7]));

        // Any other first byte is not a ticket.
        t[0] = 6;
        Assert.Null(service.ReadScope(Base64Url.EncodeToString(t)));
        Assert.Equal(TicketValidation.Malformed, service.Validate($"t={Base64Url.EncodeToString(t)}&p={contacts.P}", "alice@example.com", [7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.Issue("alice@example.com", [7], (TicketScope)2));
    }

    [Fact]
    public void A_rotated_ring_signs_with_the_new_key_accepts_the_old_one_while_it_is_kept_and_refuses_it_once_dropped()
    {
        var oldKey = RandomNumberGenerator.GetBytes(TicketSigningKey.Length);
        var newKey = RandomNumberGenerator.GetBytes(TicketSigningKey.Length);
        var ring = new TicketKeyRing(oldKey);
        var service = new TicketService(ring, TimeSpan.FromHours(24), _clock);
        var before = service.Issue("alice@example.com", [7]);
        var beforeSecret = service.ProofSecret(before.Value);

        // The new key signs; the old one is still accepted (another node's ring, same keys, checks both).
        ring.Replace([(0, oldKey), (1, newKey)], current: 1);
        var after = service.Issue("alice@example.com", [7]);
        var elsewhere = new TicketService(new TicketKeyRing(newKey), TimeSpan.FromHours(24), _clock);
        Assert.Equal(TicketValidation.Valid, service.Validate(before.Value, "alice@example.com", [7]));
        Assert.Equal(TicketValidation.Valid, service.ValidateAuthCookie(before.T, "alice@example.com", [7]));
        Assert.Equal(beforeSecret, service.ProofSecret(before.Value));
        Assert.Equal(TicketValidation.Valid, service.Validate(after.Value, "alice@example.com", [7]));
        Assert.Equal(TicketValidation.BadSignature, elsewhere.Validate(after.Value, "alice@example.com", [7]));

        // The old key is dropped: its tickets are refused, the new key's still pass.
        ring.Replace([(1, newKey)], current: 1);
        Assert.Equal(TicketValidation.BadSignature, service.Validate(before.Value, "alice@example.com", [7]));
        Assert.Equal(TicketValidation.BadSignature, service.ValidateAuthCookie(before.T, "alice@example.com", [7]));
        Assert.Null(service.ProofSecret(before.Value));
        Assert.Equal(TicketValidation.Valid, service.Validate(after.Value, "alice@example.com", [7]));
    }

    [Fact]
    public void Each_ticket_is_unique()
    {
        var service = Service();
        Assert.NotEqual(service.Issue("alice@example.com").Value, service.Issue("alice@example.com").Value);
    }

    [Fact]
    public void Ticket_expires_after_its_lifetime()
    {
        var ticket = Service().Issue("alice@example.com");

        _clock.Now = Start.AddHours(24).AddSeconds(-1);
        Assert.Equal(TicketValidation.Valid, Service().Validate(ticket.Value, "alice@example.com"));
        _clock.Now = Start.AddHours(24);
        Assert.Equal(TicketValidation.Expired, Service().Validate(ticket.Value, "alice@example.com"));
    }

    [Fact]
    public void Ticket_for_another_account_is_refused()
    {
        var ticket = Service().Issue("alice@example.com");

        Assert.Equal(TicketValidation.WrongAccount, Service().Validate(ticket.Value, "bob@example.com"));
        Assert.Equal(TicketValidation.WrongAccount, Service().Validate(ticket.Value, "alice@example.co"));
    }

    [Fact]
    public void Rewriting_the_account_inside_t_breaks_the_signature()
    {
        var ticket = Service().Issue("alice@example.com");
        var t = Base64Url.DecodeFromChars(ticket.T);
        var at = t.AsSpan().IndexOf("alice"u8);
        "bobby"u8.CopyTo(t.AsSpan(at));
        var forged = $"t={Base64Url.EncodeToString(t)}&p={ticket.P}";

        Assert.Equal(TicketValidation.BadSignature, Service().Validate(forged, "bobby@example.com"));
    }

    [Fact]
    public void Extending_the_expiry_breaks_the_signature()
    {
        var ticket = Service().Issue("alice@example.com");
        var t = Base64Url.DecodeFromChars(ticket.T);
        t[2] ^= 0x01; // inside the big-endian expiry
        _clock.Now = Start.AddDays(2);

        Assert.Equal(TicketValidation.BadSignature, Service().Validate($"t={Base64Url.EncodeToString(t)}&p={ticket.P}", "alice@example.com"));
    }

    [Fact]
    public void P_from_another_ticket_or_altered_p_is_refused()
    {
        var service = Service();
        var first = service.Issue("alice@example.com");
        var second = service.Issue("alice@example.com");
        var p = Base64Url.DecodeFromChars(first.P);
        p[0] ^= 0x80;

        Assert.Equal(TicketValidation.BadSignature, service.Validate($"t={first.T}&p={second.P}", "alice@example.com"));
        Assert.Equal(TicketValidation.BadSignature, service.Validate($"t={first.T}&p={Base64Url.EncodeToString(p)}", "alice@example.com"));
    }

    [Fact]
    public void Ticket_signed_with_another_key_is_refused()
    {
        var foreign = Service(RandomNumberGenerator.GetBytes(TicketSigningKey.Length)).Issue("alice@example.com");

        Assert.Equal(TicketValidation.BadSignature, Service().Validate(foreign.Value, "alice@example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("t=&p=")]
    [InlineData("garbage")]
    [InlineData("t=abc")]
    [InlineData("t=!!!!&p=????")]
    [InlineData("t=AAAA&p=AAAA")]
    public void Malformed_tickets_are_refused(string ticket) =>
        Assert.Equal(TicketValidation.Malformed, Service().Validate(ticket, "alice@example.com"));

    [Fact]
    public void Truncated_or_padded_tickets_are_refused()
    {
        var ticket = Service().Issue("alice@example.com");

        Assert.NotEqual(TicketValidation.Valid, Service().Validate(ticket.Value[..^4], "alice@example.com"));
        Assert.NotEqual(TicketValidation.Valid, Service().Validate($"t={ticket.T}AAAA&p={ticket.P}", "alice@example.com"));
        Assert.Equal(TicketValidation.Malformed, Service().Validate(ticket.Value + "&x=1", "alice@example.com"));
        Assert.Equal(TicketValidation.Malformed, Service().Validate("t=" + new string('A', 2000) + "&p=" + ticket.P, "alice@example.com"));
    }

    [Fact]
    public void Quoted_from_pp_value_and_swapped_order_are_tolerated()
    {
        var ticket = Service().Issue("alice@example.com");

        Assert.Equal(TicketValidation.Valid, Service().Validate($"'{ticket.Value}'", "alice@example.com"));
        Assert.Equal(TicketValidation.Valid, Service().Validate($"p={ticket.P}&t={ticket.T}", "alice@example.com"));
    }

    [Fact]
    public void Key_is_created_owner_only_once_and_tickets_survive_a_restart()
    {
        using var data = new TemporaryDirectory();
        var key = TicketSigningKey.LoadOrCreate(data.Path);
        var path = Path.Combine(data.Path, TicketSigningKey.FileName);
        var ticket = new TicketService(key, TimeSpan.FromHours(1), _clock).Issue("alice@example.com");

        var reloaded = TicketSigningKey.LoadOrCreate(data.Path);

        Assert.Equal(TicketSigningKey.Length, key.Length);
        Assert.Equal(key, reloaded);
        Assert.Equal(TicketValidation.Valid, new TicketService(reloaded, TimeSpan.FromHours(1), _clock).Validate(ticket.Value, "alice@example.com"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Empty(Directory.GetFiles(data.Path, "*.tmp"));
    }

    [Fact]
    public void A_damaged_key_file_is_reported_not_replaced()
    {
        using var data = new TemporaryDirectory();
        var path = Path.Combine(data.Path, TicketSigningKey.FileName);
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<InvalidDataException>(() => TicketSigningKey.LoadOrCreate(data.Path));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void Data_directory_is_created_owner_only()
    {
        using var parent = new TemporaryDirectory();
        var data = Path.Combine(parent.Path, "nested", "data");

        TicketSigningKey.LoadOrCreate(data);

        Assert.True(File.Exists(Path.Combine(data, TicketSigningKey.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        }
    }

    [Fact]
    public void Overlong_accounts_cannot_be_ticketed()
    {
        Assert.Throws<ArgumentException>(() => Service().Issue(new string('a', TicketService.MaxAccountBytes + 1)));
        Assert.Throws<ArgumentException>(() => Service().Issue(" "));
    }

    [Fact]
    public void ReadAccount_names_the_account_of_a_whole_ticket_or_its_t_part_without_checking_it()
    {
        var ticket = Service().Issue("Alice@Example.com");
        Assert.Equal("alice@example.com", Service().ReadAccount(ticket.Value));
        Assert.Equal("alice@example.com", Service().ReadAccount(ticket.T));
        Assert.Equal("alice@example.com", Service().ReadAccount("t=" + ticket.T));

        // Reading does not check: a ticket from another key still names its account (Validate refuses it).
        var foreign = Service(RandomNumberGenerator.GetBytes(TicketSigningKey.Length)).Issue("bob@example.com");
        Assert.Equal("bob@example.com", Service().ReadAccount(foreign.Value));
        Assert.Null(Service().ReadAccount("t=garbage&p=garbage"));
        Assert.Null(Service().ReadAccount(""));
        Assert.Null(Service().ReadAccount(new string('A', 5000)));
    }

    [Fact]
    public void ValidateAuthCookie_checks_the_t_parts_own_signature_account_and_expiry()
    {
        var ticket = Service().Issue("alice@example.com");
        Assert.Equal(TicketValidation.Valid, Service().ValidateAuthCookie(ticket.T, "alice@example.com", []));
        Assert.Equal(TicketValidation.WrongAccount, Service().ValidateAuthCookie(ticket.T, "bob@example.com", []));
        Assert.Equal(TicketValidation.BadSignature, Service().ValidateAuthCookie(ticket.T, "alice@example.com", [1, 2, 3]));
        Assert.Equal(TicketValidation.BadSignature, Service(RandomNumberGenerator.GetBytes(TicketSigningKey.Length)).ValidateAuthCookie(ticket.T, "alice@example.com", []));

        var bytes = Base64Url.DecodeFromChars(ticket.T);
        bytes[^1] ^= 1;
        Assert.Equal(TicketValidation.BadSignature, Service().ValidateAuthCookie(Base64Url.EncodeToString(bytes), "alice@example.com", []));
        Assert.Equal(TicketValidation.Malformed, Service().ValidateAuthCookie(ticket.Value, "alice@example.com", []));

        _clock.Now = Start + TimeSpan.FromHours(25);
        Assert.Equal(TicketValidation.Expired, Service().ValidateAuthCookie(ticket.T, "alice@example.com", []));
    }
}
