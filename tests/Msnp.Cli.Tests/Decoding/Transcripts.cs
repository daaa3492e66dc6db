namespace Msnp.Cli.Tests.Decoding;

/// <summary>The MSNP8 session start of catalogue §5.5, split by side, as raw wire bytes.</summary>
internal static class Transcripts
{
    public const string Msnp8SessionServer =
        "SYN 5 42 2 2\r\n" +
        "GTC A\r\n" +
        "BLP AL\r\n" +
        "PRP PHH 555%201234\r\n" +
        "PRP MOB N\r\n" +
        "LSG 0 Other%20Contacts 0\r\n" +
        "LSG 1 Friends 0\r\n" +
        "LST bob@example.com Bob 11 0,1\r\n" +
        "BPR PHH 555%209876\r\n" +
        "LST carol@example.com Carol 10\r\n" +
        "CHG 6 NLN 268435492\r\n" +
        "ILN 6 NLN bob@example.com Bob 268435492\r\n" +
        "CHL 0 15570131571988941333\r\n" +
        "QRY 7\r\n";

    public static readonly string[] Msnp8SessionServerJson =
    [
        """{"command":"SYN","trid":5,"params":["42","2","2"],"payload":null}""",
        """{"command":"GTC","trid":null,"params":["A"],"payload":null}""",
        """{"command":"BLP","trid":null,"params":["AL"],"payload":null}""",
        """{"command":"PRP","trid":null,"params":["PHH","555%201234"],"payload":null}""",
        """{"command":"PRP","trid":null,"params":["MOB","N"],"payload":null}""",
        """{"command":"LSG","trid":null,"params":["0","Other%20Contacts","0"],"payload":null}""",
        """{"command":"LSG","trid":null,"params":["1","Friends","0"],"payload":null}""",
        """{"command":"LST","trid":null,"params":["bob@example.com","Bob","11","0,1"],"payload":null}""",
        """{"command":"BPR","trid":null,"params":["PHH","555%209876"],"payload":null}""",
        """{"command":"LST","trid":null,"params":["carol@example.com","Carol","10"],"payload":null}""",
        """{"command":"CHG","trid":6,"params":["NLN","268435492"],"payload":null}""",
        """{"command":"ILN","trid":6,"params":["NLN","bob@example.com","Bob","268435492"],"payload":null}""",
        """{"command":"CHL","trid":0,"params":["15570131571988941333"],"payload":null}""",
        """{"command":"QRY","trid":7,"params":[],"payload":null}""",
    ];

    public const string Msnp8SessionClient =
        "SYN 5 0\r\n" +
        "CHG 6 NLN 268435492\r\n" +
        "QRY 7 msmsgs@msnmsgr.com 32\r\n" +
        "8f2f5a91b72102cd28355e9fc9000d6e";
}
