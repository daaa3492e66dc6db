using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class SystemMessageTests
{
    private const string Sample =
        "MIME-Version: 1.0\r\n" +
        "Content-Type: application/x-msmsgssystemmessage\r\n" +
        "\r\n" +
        "Type: 1\r\n" +
        "Arg1: 5\r\n" +
        "\r\n";

    [Fact]
    public void Parses_a_maintenance_warning_and_builds_it_back()
    {
        var message = MimeMessage.Parse(Wire.Bytes(Sample));

        Assert.Equal(MessageKind.SystemMessage, message.Kind);
        Assert.True(SystemMessage.TryParse(message, out var system));
        Assert.Equal(SystemMessage.MaintenanceType, system.Type);
        Assert.Equal(5, system.MinutesUntilMaintenance);
        Assert.Equal(["5"], system.Arguments);
        Assert.Equal(Wire.Bytes(Sample), system.ToBytes());
        Assert.Equal(Wire.Bytes(Sample), SystemMessage.Maintenance(5).ToBytes());
    }

    [Fact]
    public void Arguments_are_numbered_in_order()
    {
        var system = new SystemMessage(7, "a", "b", "c");

        Assert.Equal(["Type", "Arg1", "Arg2", "Arg3"], system.Fields.Select(f => f.Name));
        Assert.Equal(["a", "b", "c"], system.Arguments);
        Assert.Equal("b", system.GetArgument(2));
        Assert.Null(system.MinutesUntilMaintenance);
    }

    [Fact]
    public void The_text_variant_of_the_type_is_not_a_system_message()
    {
        var message = MimeMessage.Parse(Wire.Bytes(Sample.Replace("application/", "text/")));

        Assert.False(SystemMessage.TryParse(message, out _));
    }
}
