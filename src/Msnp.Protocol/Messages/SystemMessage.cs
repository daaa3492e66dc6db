using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Msnp.Protocol.Messages;

/// <summary>
/// <c>application/x-msmsgssystemmessage</c>: a notice from the NS. <c>Type: 1</c> announces a
/// shutdown for maintenance with <c>Arg1</c> = minutes left; further <c>ArgN</c> fields may follow.
/// </summary>
public sealed class SystemMessage : FieldBodyMessage
{
    /// <summary>The <c>Type</c> of a maintenance warning.</summary>
    public const int MaintenanceType = 1;

    /// <summary>Wraps body fields in the order they should be written.</summary>
    public SystemMessage(MimeHeaderList fields)
        : base(fields)
    {
    }

    /// <summary>Builds <c>Type</c> then <c>Arg1</c>, <c>Arg2</c>… in order.</summary>
    public SystemMessage(int type, params IEnumerable<string> arguments)
        : base(Build(type, arguments))
    {
    }

    /// <inheritdoc/>
    protected override string ContentTypeHeader => ContentTypes.SystemMessageHeader;

    /// <summary>The notice type, or null when absent or not a number.</summary>
    public int? Type => GetInt32("Type");

    /// <summary><c>Arg1</c>, <c>Arg2</c>… up to the first one missing.</summary>
    public IReadOnlyList<string> Arguments
    {
        get
        {
            var args = new List<string>();
            while (GetArgument(args.Count + 1) is { } a)
            {
                args.Add(a);
            }

            return args;
        }
    }

    /// <summary>For a maintenance warning, the minutes until shutdown; otherwise null.</summary>
    public int? MinutesUntilMaintenance =>
        Type == MaintenanceType && int.TryParse(GetArgument(1), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : null;

    /// <summary>The value of <c>Arg</c><paramref name="number"/> (1-based), or null.</summary>
    public string? GetArgument(int number) => this["Arg" + number.ToString(CultureInfo.InvariantCulture)];

    /// <summary>Reads the notice; false when the content type differs or the body is malformed.</summary>
    public static bool TryParse(MimeMessage message, [NotNullWhen(true)] out SystemMessage? systemMessage)
    {
        systemMessage = TryReadFields(message, ContentTypes.SystemMessage, null, out var fields) ? new SystemMessage(fields) : null;
        return systemMessage is not null;
    }

    /// <summary>A maintenance warning: the server goes down in <paramref name="minutes"/>.</summary>
    public static SystemMessage Maintenance(int minutes) => new(MaintenanceType, Format(minutes));

    private static MimeHeaderList Build(int type, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var fields = new List<MimeHeader> { new("Type", Format(type)) };
        foreach (var a in arguments)
        {
            fields.Add(new("Arg" + Format(fields.Count), a));
        }

        return new MimeHeaderList(fields);
    }
}
