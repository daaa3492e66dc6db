using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Msnp.Protocol.Commands;
using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Framing;

/// <summary>
/// Which commands carry a TrID and a payload, for one dialect and one direction (catalogue §2.4–2.6).
/// Lookup is an array index on the three letters, so framing never hashes or compares strings.
/// </summary>
public sealed class CommandTable
{
    private const int LetterSlots = 26 * 26 * 26;
    private static readonly ConcurrentDictionary<(int Version, FrameDirection Direction), CommandTable> Defaults = new();

    private readonly byte[] _slotByLetters = new byte[LetterSlots];
    private readonly CommandRule[] _rules = new CommandRule[byte.MaxValue + 1];
    private int _ruleCount;
    private readonly CommandRule _errorRule;

    private CommandTable(MsnpDialect dialect, FrameDirection direction, FramingLimits limits, CommandRule unknownRule, CommandRule errorRule)
    {
        Dialect = dialect;
        Direction = direction;
        Limits = limits;
        _rules[0] = unknownRule;
        _ruleCount = 1;
        _errorRule = errorRule;
    }

    /// <summary>The dialect the table describes.</summary>
    public MsnpDialect Dialect { get; }

    /// <summary>Who writes the bytes this table frames.</summary>
    public FrameDirection Direction { get; }

    /// <summary>The limits the table's payload maxima come from.</summary>
    public FramingLimits Limits { get; }

    /// <summary>The rule applied to a three-letter code the table does not list.</summary>
    public CommandRule UnknownRule => _rules[0];

    /// <summary>The table for a dialect and direction with the default limits (cached).</summary>
    public static CommandTable For(MsnpDialect dialect, FrameDirection direction) =>
        Defaults.GetOrAdd((dialect.Version, direction), static (key, d) => Create(d, key.Direction, FramingLimits.Default), dialect);

    /// <summary>Builds a table for a dialect and direction with custom limits.</summary>
    public static CommandTable Create(MsnpDialect dialect, FrameDirection direction, FramingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(limits);
        return direction == FrameDirection.ClientToServer ? BuildClientToServer(dialect, limits) : BuildServerToClient(dialect, limits);
    }

    /// <summary>The rule for a command code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CommandRule Get(CommandCode code)
    {
        int v = code.Value;
        int b0 = (byte)v - 'A', b1 = (byte)(v >> 8) - 'A', b2 = (byte)(v >> 16) - 'A';
        if ((uint)b0 < 26 && (uint)b1 < 26 && (uint)b2 < 26)
        {
            return _rules[_slotByLetters[(b0 * 676) + (b1 * 26) + b2]];
        }

        return _errorRule;
    }

    /// <summary>True when the table lists the code explicitly (error codes count as listed).</summary>
    public bool IsKnown(CommandCode code)
    {
        int v = code.Value;
        int b0 = (byte)v - 'A', b1 = (byte)(v >> 8) - 'A', b2 = (byte)(v >> 16) - 'A';
        return (uint)b0 < 26 && (uint)b1 < 26 && (uint)b2 < 26 ? _slotByLetters[(b0 * 676) + (b1 * 26) + b2] != 0 : code.IsError;
    }

    private void Set(CommandCode code, CommandRule rule)
    {
        int v = code.Value;
        int index = (((byte)v - 'A') * 676) + (((byte)(v >> 8) - 'A') * 26) + ((byte)(v >> 16) - 'A');
        // Slot 0 is reserved for unlisted codes, so listed ones always get a slot of their own.
        int slot = Array.IndexOf(_rules, rule, 1, _ruleCount - 1);
        if (slot < 0)
        {
            slot = _ruleCount++;
            _rules[slot] = rule;
        }

        _slotByLetters[index] = checked((byte)slot);
    }

    private void SetAll(CommandRule rule, params CommandCode[] codes)
    {
        foreach (var code in codes)
        {
            Set(code, rule);
        }
    }

    // What a server reads. Every client command carries a TrID except PNG and OUT (§2.4); a client
    // MSG to the notification server is framed like a switchboard one and then refused by the server.
    private static CommandTable BuildClientToServer(MsnpDialect d, FramingLimits limits)
    {
        var required = CommandRule.Line(TrIdPresence.Required);
        var table = new CommandTable(d, FrameDirection.ClientToServer, limits, unknownRule: required, errorRule: required);
        table.SetAll(required,
            CommandCodes.Ver, CommandCodes.Cvr, CommandCodes.Cvq, CommandCodes.Usr, CommandCodes.Syn, CommandCodes.Chg,
            CommandCodes.Add, CommandCodes.Rem, CommandCodes.Rea, CommandCodes.Gtc, CommandCodes.Blp, CommandCodes.Xfr,
            CommandCodes.Url, CommandCodes.Fnd, CommandCodes.Snd, CommandCodes.Cal, CommandCodes.Ans);
        table.SetAll(CommandRule.Line(TrIdPresence.None), CommandCodes.Png, CommandCodes.Out);
        table.Set(CommandCodes.Msg, CommandRule.WithPayload(TrIdPresence.Required, 2, limits.ClientMessagePayload(d)));
        if (d.HasInf)
        {
            table.Set(CommandCodes.Inf, required);
        }

        if (d.HasListRequest)
        {
            table.Set(CommandCodes.Lst, required);
        }

        if (d.Version >= 3)
        {
            table.Set(CommandCodes.Ims, required);
        }

        if (d.HasGroups)
        {
            table.SetAll(required, CommandCodes.Adg, CommandCodes.Rmg, CommandCodes.Reg);
        }

        if (d.HasPhoneNumbers)
        {
            table.Set(CommandCodes.Prp, required);

            // PAG stays a payload command in MSNP9 so its bytes are skipped before the server answers 715.
            table.Set(CommandCodes.Pag, CommandRule.WithPayload(TrIdPresence.Required, 2, limits.MaxClientOtherPayload));
        }

        if (d.PagingCommand == "PGD")
        {
            table.Set(CommandCodes.Pgd, CommandRule.WithPayload(TrIdPresence.Required, 3, limits.MaxClientOtherPayload));
        }

        if (d.HasSdc)
        {
            table.Set(CommandCodes.Sdc, CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastToken, limits.MaxClientOtherPayload));
        }

        if (d.HasChallenges)
        {
            table.Set(CommandCodes.Qry, CommandRule.WithPayload(TrIdPresence.Required, 2, limits.MaxClientOtherPayload));
        }

        // MSNP10+: contacts by GUID (ADC), contact properties (SBP, 10–12); MSNP11+: UUX carries
        // the personal status as XML, the length last (later-dialects.md, MSNP12 payload commands).
        if (d.HasGuids)
        {
            table.Set(CommandCodes.Adc, required);
        }

        if (d.HasContactProperties)
        {
            table.Set(CommandCodes.Sbp, required);
        }

        if (d.HasPersonalMessages)
        {
            // From MSNP16 WLM's document (two MSNObjects, the endpoint documents) may pass 1664 bytes.
            table.Set(CommandCodes.Uux, CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastToken,
                d.HasPointsOfPresence ? limits.MaxClientPersonalStatusPayload : limits.MaxClientOtherPayload));
        }

        if (d.HasConfigFiles)
        {
            table.Set(CommandCodes.Gcf, required);
        }

        // MSNP13+: the list, query and notification commands carry XML or MIME, the length last
        // (later-dialects.md, MSNP12 payload commands): ADL TrID len, UUN TrID account type len.
        var lastLength = CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastToken, limits.MaxClientOtherPayload);
        var listPayload = CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastToken, limits.MaxClientListPayload);
        if (d.ListsFromAddressBook)
        {
            table.SetAll(listPayload, CommandCodes.Adl, CommandCodes.Rml);
        }

        if (d.HasUserNotifications)
        {
            table.Set(CommandCodes.Uun, lastLength);
        }

        if (d.HasFederatedQuery)
        {
            table.SetAll(lastLength, CommandCodes.Fqy, CommandCodes.Uum);
        }

        if (d.HasPutNotify)
        {
            table.SetAll(listPayload, CommandCodes.Put, CommandCodes.Sdg);
        }

        return table;
    }

    // What a client reads (§2.4, §11.2–3).
    private static CommandTable BuildServerToClient(MsnpDialect d, FramingLimits limits)
    {
        var required = CommandRule.Line(TrIdPresence.Required);
        var none = CommandRule.Line(TrIdPresence.None);

        // Unknown codes from a newer or non-standard server: a numeric first token is taken as the TrID.
        var table = new CommandTable(d, FrameDirection.ServerToClient, limits, unknownRule: CommandRule.Line(TrIdPresence.WhenNumeric), errorRule: required);
        table.SetAll(required,
            CommandCodes.Ver, CommandCodes.Cvr, CommandCodes.Cvq, CommandCodes.Usr, CommandCodes.Xfr, CommandCodes.Syn, CommandCodes.Chg,
            CommandCodes.Iln, CommandCodes.Add, CommandCodes.Rem, CommandCodes.Rea, CommandCodes.Url, CommandCodes.Fnd, CommandCodes.Snd,
            CommandCodes.Cal, CommandCodes.Ans, CommandCodes.Iro, CommandCodes.Ack, CommandCodes.Nak, CommandCodes.Chl, CommandCodes.Qry,
            CommandCodes.Sdc, CommandCodes.Ims, CommandCodes.Inf, CommandCodes.Adg, CommandCodes.Rmg, CommandCodes.Reg);
        table.SetAll(none,
            CommandCodes.Qng, CommandCodes.Nln, CommandCodes.Fln, CommandCodes.Bpr, CommandCodes.Rng, CommandCodes.Out,
            CommandCodes.Joi, CommandCodes.Bye);
        table.Set(CommandCodes.Msg, CommandRule.WithPayload(TrIdPresence.None, 2, limits.MaxServerPayload));

        // List lines: TrID-bearing in MSNP2–7; inside an MSNP8+ SYN reply they have none, while
        // GTC/BLP/PRP replies to a client's change still carry one.
        var listLine = d.SyncLinesHaveTrId ? required : none;
        table.SetAll(listLine, CommandCodes.Lst, CommandCodes.Lsg);
        table.SetAll(d.SyncLinesHaveTrId ? required : CommandRule.Line(TrIdPresence.WhenNumeric), CommandCodes.Gtc, CommandCodes.Blp, CommandCodes.Prp);

        if (d.HasNotifications)
        {
            table.Set(CommandCodes.Not, CommandRule.WithPayload(TrIdPresence.None, 0, limits.MaxServerPayload));
        }

        if (d.HasIncomingPages)
        {
            table.Set(CommandCodes.Ipg, CommandRule.WithPayload(TrIdPresence.None, 0, limits.MaxServerPayload));
        }

        if (d.HasGuids)
        {
            table.Set(CommandCodes.Adc, required);
        }

        if (d.HasContactProperties)
        {
            table.Set(CommandCodes.Sbp, required);
        }

        // UBX email len (no TrID); UUX TrID 0 is the plain acknowledgement; SBS 0 null.
        if (d.HasPersonalMessages)
        {
            table.Set(CommandCodes.Ubx, CommandRule.WithPayload(TrIdPresence.None, CommandRule.LastToken, limits.MaxServerPayload));
            table.Set(CommandCodes.Uux, required);
        }

        if (d.SendsMailData)
        {
            table.Set(CommandCodes.Sbs, required);
        }

        if (d.HasConfigFiles)
        {
            table.Set(CommandCodes.Gcf, CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastToken, limits.MaxServerPayload));
        }

        // MSNP13+: ADL/RML answer "TrID OK" as a line, while the server's own ADL 0 len (someone
        // added the user) carries XML; UBN account type len and NFY PUT len carry payloads without a TrID.
        var serverPayload = CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastToken, limits.MaxServerPayload);
        if (d.ListsFromAddressBook)
        {
            table.SetAll(CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastTokenWhenNumeric, limits.MaxServerPayload), CommandCodes.Adl, CommandCodes.Rml);
        }

        if (d.HasUserNotifications)
        {
            table.Set(CommandCodes.Uun, required);
            table.Set(CommandCodes.Ubn, CommandRule.WithPayload(TrIdPresence.None, CommandRule.LastToken, limits.MaxServerPayload));
        }

        if (d.HasFederatedQuery)
        {
            table.Set(CommandCodes.Fqy, serverPayload);
        }

        if (d.HasPutNotify)
        {
            table.SetAll(CommandRule.WithPayload(TrIdPresence.Required, CommandRule.LastTokenWhenNumeric, limits.MaxServerPayload), CommandCodes.Put, CommandCodes.Sdg);
            table.Set(CommandCodes.Nfy, CommandRule.WithPayload(TrIdPresence.None, CommandRule.LastToken, limits.MaxServerPayload));
        }

        return table;
    }
}
