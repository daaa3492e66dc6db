using System.Buffers;
using Msnp.Protocol.Dialects;
using Msnp.Protocol.Dialects.Model;

namespace Msnp.Protocol.Tests.Dialects;

// A writer refuses a command its dialect does not have, and writes nothing.
public class UnsupportedCommandTests
{
    public static TheoryData<string, int> Refused()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in new[] { 8, 9 })
        {
            data.Add("INF", v);
            data.Add("LST", v);
        }

        foreach (var v in new[] { 2, 3, 4, 5 })
        {
            data.Add("CHL", v);
        }

        foreach (var v in new[] { 2, 3, 4 })
        {
            data.Add("PRP", v);
            data.Add("BPR", v);
        }

        foreach (var v in new[] { 2, 3, 4, 5, 6 })
        {
            data.Add("ADG", v);
            data.Add("RMG", v);
            data.Add("REG", v);
        }

        // From MSNP10 lists and groups are addressed by GUID and carry no version; REA is gone.
        foreach (var v in new[] { 10, 11, 12 })
        {
            data.Add("ADD", v);
            data.Add("REM", v);
            data.Add("REA", v);
            data.Add("ADG", v);
            data.Add("RMG", v);
            data.Add("REG", v);
            data.Add("INF", v);
        }

        // The GUID forms and MSNP11's personal status do not exist before them.
        foreach (var v in new[] { 2, 7, 9 })
        {
            data.Add("ADC", v);
            data.Add("ADG guid", v);
            data.Add("PRP MFN", v);
            data.Add("SBP", v);
        }

        foreach (var v in new[] { 2, 9, 10 })
        {
            data.Add("UBX", v);
            data.Add("UUX", v);
            data.Add("SBS", v);
            data.Add("GCF", v);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_a_command_the_dialect_lacks(string command, int version)
    {
        var w = DialectWriter.For(MsnpDialect.FromVersion(version));
        var o = new ArrayBufferWriter<byte>();
        Action write = command switch
        {
            "INF" => () => w.WriteSecurityPackages(o, 1),
            "LST" => () => w.WriteListReply(o, 1, ListKind.Forward, SyncWireCases.Example),
            "CHL" => () => w.WriteChallenge(o, "12345678901234567890"),
            "PRP" => () => w.WritePhoneChanged(o, 1, 2, PhoneKind.Home, "555"),
            "BPR" => () => w.WriteContactPhoneChanged(o, 2, "bob@example.com", PhoneKind.Home, "555"),
            "ADG" => () => w.WriteGroupAdded(o, 1, 2, "Friends", 1),
            "RMG" => () => w.WriteGroupRemoved(o, 1, 2, 1),
            "REG" => () => w.WriteGroupRenamed(o, 1, 2, 1, "Friends"),
            "ADD" => () => w.WriteAdded(o, 1, ListKind.Allow, 2, "bob@example.com", "Bob", null),
            "REM" => () => w.WriteRemoved(o, 1, ListKind.Allow, 2, "bob@example.com", null),
            "REA" => () => w.WriteRenamed(o, 1, 2, "bob@example.com", "Bob"),
            "ADC" => () => w.WriteContactAdded(o, 1, ListKind.Allow, "bob@example.com", null, Guid.Empty),
            "ADG guid" => () => w.WriteGroupAdded(o, 1, "Friends", Guid.Empty),
            "PRP MFN" => () => w.WriteOwnNameChanged(o, 1, "Alice"),
            "SBP" => () => w.WriteContactPropertyChanged(o, 1, Guid.Empty, "MFN", "Bob"),
            "UBX" => () => w.WritePersonalStatus(o, "bob@example.com", "<Data/>"u8),
            "UUX" => () => w.WritePersonalStatusStored(o, 1),
            "SBS" => () => w.WriteSbs(o),
            "GCF" => () => w.WriteConfigFile(o, 1, "Shields.xml", "<x/>"u8),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };

        var e = Assert.Throws<NotSupportedException>(write);

        Assert.Contains($"MSNP{version}", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, o.WrittenCount);
    }

    [Fact]
    public void Refuses_a_token_that_would_split_the_line()
    {
        var w = DialectWriter.For(MsnpDialect.Msnp8);
        var o = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() => w.WriteJoined(o, "bob@example.com", "Bob Smith"));
        Assert.Throws<ArgumentException>(() => w.WriteOffline(new ArrayBufferWriter<byte>(), "bob@example.com\r\nOUT"));
    }

    [Fact]
    public void Refuses_a_negative_group_id()
    {
        var w = DialectWriter.For(MsnpDialect.Msnp9);
        var snapshot = SyncWireCases.Example with
        {
            Contacts = [new ContactEntry("bob@example.com", "Bob", ListKind.Forward) { Groups = [-1] }],
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => w.WriteSyncReply(new ArrayBufferWriter<byte>(), 1, 0, snapshot));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.WriteAdded(new ArrayBufferWriter<byte>(), 1, ListKind.Forward, 2, "bob@example.com", "Bob", -1));
    }

    [Fact]
    public void Refuses_a_combination_of_lists_where_one_list_is_named()
    {
        var w = DialectWriter.For(MsnpDialect.Msnp8);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            w.WriteAdded(new ArrayBufferWriter<byte>(), 1, ListKind.Forward | ListKind.Allow, 2, "bob@example.com", "Bob", null));
    }
}
