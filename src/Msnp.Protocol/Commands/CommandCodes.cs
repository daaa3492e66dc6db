namespace Msnp.Protocol.Commands;

/// <summary>The command codes of MSNP2–MSNP9 and MSNFTP, as <see cref="CommandCode"/> values.</summary>
public static class CommandCodes
{
    /// <summary><c>ACK</c></summary>
    public static readonly CommandCode Ack = CommandCode.FromBytesUnchecked((byte)'A', (byte)'C', (byte)'K');

    /// <summary><c>ADD</c></summary>
    public static readonly CommandCode Add = CommandCode.FromBytesUnchecked((byte)'A', (byte)'D', (byte)'D');

    /// <summary><c>ADG</c></summary>
    public static readonly CommandCode Adg = CommandCode.FromBytesUnchecked((byte)'A', (byte)'D', (byte)'G');

    /// <summary><c>ANS</c></summary>
    public static readonly CommandCode Ans = CommandCode.FromBytesUnchecked((byte)'A', (byte)'N', (byte)'S');

    /// <summary><c>BLP</c></summary>
    public static readonly CommandCode Blp = CommandCode.FromBytesUnchecked((byte)'B', (byte)'L', (byte)'P');

    /// <summary><c>BPR</c></summary>
    public static readonly CommandCode Bpr = CommandCode.FromBytesUnchecked((byte)'B', (byte)'P', (byte)'R');

    /// <summary><c>BYE</c></summary>
    public static readonly CommandCode Bye = CommandCode.FromBytesUnchecked((byte)'B', (byte)'Y', (byte)'E');

    /// <summary><c>CAL</c></summary>
    public static readonly CommandCode Cal = CommandCode.FromBytesUnchecked((byte)'C', (byte)'A', (byte)'L');

    /// <summary><c>CHG</c></summary>
    public static readonly CommandCode Chg = CommandCode.FromBytesUnchecked((byte)'C', (byte)'H', (byte)'G');

    /// <summary><c>CHL</c></summary>
    public static readonly CommandCode Chl = CommandCode.FromBytesUnchecked((byte)'C', (byte)'H', (byte)'L');

    /// <summary><c>CCL</c></summary>
    public static readonly CommandCode Ccl = CommandCode.FromBytesUnchecked((byte)'C', (byte)'C', (byte)'L');

    /// <summary><c>CVQ</c></summary>
    public static readonly CommandCode Cvq = CommandCode.FromBytesUnchecked((byte)'C', (byte)'V', (byte)'Q');

    /// <summary><c>CVR</c></summary>
    public static readonly CommandCode Cvr = CommandCode.FromBytesUnchecked((byte)'C', (byte)'V', (byte)'R');

    /// <summary><c>FIL</c></summary>
    public static readonly CommandCode Fil = CommandCode.FromBytesUnchecked((byte)'F', (byte)'I', (byte)'L');

    /// <summary><c>FLN</c></summary>
    public static readonly CommandCode Fln = CommandCode.FromBytesUnchecked((byte)'F', (byte)'L', (byte)'N');

    /// <summary><c>FND</c></summary>
    public static readonly CommandCode Fnd = CommandCode.FromBytesUnchecked((byte)'F', (byte)'N', (byte)'D');

    /// <summary><c>GTC</c></summary>
    public static readonly CommandCode Gtc = CommandCode.FromBytesUnchecked((byte)'G', (byte)'T', (byte)'C');

    /// <summary><c>ILN</c></summary>
    public static readonly CommandCode Iln = CommandCode.FromBytesUnchecked((byte)'I', (byte)'L', (byte)'N');

    /// <summary><c>IMS</c></summary>
    public static readonly CommandCode Ims = CommandCode.FromBytesUnchecked((byte)'I', (byte)'M', (byte)'S');

    /// <summary><c>INF</c></summary>
    public static readonly CommandCode Inf = CommandCode.FromBytesUnchecked((byte)'I', (byte)'N', (byte)'F');

    /// <summary><c>IPG</c></summary>
    public static readonly CommandCode Ipg = CommandCode.FromBytesUnchecked((byte)'I', (byte)'P', (byte)'G');

    /// <summary><c>IRO</c></summary>
    public static readonly CommandCode Iro = CommandCode.FromBytesUnchecked((byte)'I', (byte)'R', (byte)'O');

    /// <summary><c>JOI</c></summary>
    public static readonly CommandCode Joi = CommandCode.FromBytesUnchecked((byte)'J', (byte)'O', (byte)'I');

    /// <summary><c>LSG</c></summary>
    public static readonly CommandCode Lsg = CommandCode.FromBytesUnchecked((byte)'L', (byte)'S', (byte)'G');

    /// <summary><c>LST</c></summary>
    public static readonly CommandCode Lst = CommandCode.FromBytesUnchecked((byte)'L', (byte)'S', (byte)'T');

    /// <summary><c>MSG</c></summary>
    public static readonly CommandCode Msg = CommandCode.FromBytesUnchecked((byte)'M', (byte)'S', (byte)'G');

    /// <summary><c>NAK</c></summary>
    public static readonly CommandCode Nak = CommandCode.FromBytesUnchecked((byte)'N', (byte)'A', (byte)'K');

    /// <summary><c>NLN</c></summary>
    public static readonly CommandCode Nln = CommandCode.FromBytesUnchecked((byte)'N', (byte)'L', (byte)'N');

    /// <summary><c>NOT</c></summary>
    public static readonly CommandCode Not = CommandCode.FromBytesUnchecked((byte)'N', (byte)'O', (byte)'T');

    /// <summary><c>OUT</c></summary>
    public static readonly CommandCode Out = CommandCode.FromBytesUnchecked((byte)'O', (byte)'U', (byte)'T');

    /// <summary><c>PAG</c></summary>
    public static readonly CommandCode Pag = CommandCode.FromBytesUnchecked((byte)'P', (byte)'A', (byte)'G');

    /// <summary><c>PGD</c></summary>
    public static readonly CommandCode Pgd = CommandCode.FromBytesUnchecked((byte)'P', (byte)'G', (byte)'D');

    /// <summary><c>PNG</c></summary>
    public static readonly CommandCode Png = CommandCode.FromBytesUnchecked((byte)'P', (byte)'N', (byte)'G');

    /// <summary><c>PRP</c></summary>
    public static readonly CommandCode Prp = CommandCode.FromBytesUnchecked((byte)'P', (byte)'R', (byte)'P');

    /// <summary><c>QNG</c></summary>
    public static readonly CommandCode Qng = CommandCode.FromBytesUnchecked((byte)'Q', (byte)'N', (byte)'G');

    /// <summary><c>QRY</c></summary>
    public static readonly CommandCode Qry = CommandCode.FromBytesUnchecked((byte)'Q', (byte)'R', (byte)'Y');

    /// <summary><c>REA</c></summary>
    public static readonly CommandCode Rea = CommandCode.FromBytesUnchecked((byte)'R', (byte)'E', (byte)'A');

    /// <summary><c>REG</c></summary>
    public static readonly CommandCode Reg = CommandCode.FromBytesUnchecked((byte)'R', (byte)'E', (byte)'G');

    /// <summary><c>REM</c></summary>
    public static readonly CommandCode Rem = CommandCode.FromBytesUnchecked((byte)'R', (byte)'E', (byte)'M');

    /// <summary><c>RMG</c></summary>
    public static readonly CommandCode Rmg = CommandCode.FromBytesUnchecked((byte)'R', (byte)'M', (byte)'G');

    /// <summary><c>RNG</c></summary>
    public static readonly CommandCode Rng = CommandCode.FromBytesUnchecked((byte)'R', (byte)'N', (byte)'G');

    /// <summary><c>SDC</c></summary>
    public static readonly CommandCode Sdc = CommandCode.FromBytesUnchecked((byte)'S', (byte)'D', (byte)'C');

    /// <summary><c>SND</c></summary>
    public static readonly CommandCode Snd = CommandCode.FromBytesUnchecked((byte)'S', (byte)'N', (byte)'D');

    /// <summary><c>SYN</c></summary>
    public static readonly CommandCode Syn = CommandCode.FromBytesUnchecked((byte)'S', (byte)'Y', (byte)'N');

    /// <summary><c>TFR</c></summary>
    public static readonly CommandCode Tfr = CommandCode.FromBytesUnchecked((byte)'T', (byte)'F', (byte)'R');

    /// <summary><c>URL</c></summary>
    public static readonly CommandCode Url = CommandCode.FromBytesUnchecked((byte)'U', (byte)'R', (byte)'L');

    /// <summary><c>USR</c></summary>
    public static readonly CommandCode Usr = CommandCode.FromBytesUnchecked((byte)'U', (byte)'S', (byte)'R');

    /// <summary><c>VER</c></summary>
    public static readonly CommandCode Ver = CommandCode.FromBytesUnchecked((byte)'V', (byte)'E', (byte)'R');

    /// <summary><c>XFR</c></summary>
    public static readonly CommandCode Xfr = CommandCode.FromBytesUnchecked((byte)'X', (byte)'F', (byte)'R');

    /// <summary><c>ADC</c></summary>
    public static readonly CommandCode Adc = CommandCode.FromBytesUnchecked((byte)'A', (byte)'D', (byte)'C');

    /// <summary><c>GCF</c></summary>
    public static readonly CommandCode Gcf = CommandCode.FromBytesUnchecked((byte)'G', (byte)'C', (byte)'F');

    /// <summary><c>SBP</c></summary>
    public static readonly CommandCode Sbp = CommandCode.FromBytesUnchecked((byte)'S', (byte)'B', (byte)'P');

    /// <summary><c>SBS</c></summary>
    public static readonly CommandCode Sbs = CommandCode.FromBytesUnchecked((byte)'S', (byte)'B', (byte)'S');

    /// <summary><c>UBX</c></summary>
    public static readonly CommandCode Ubx = CommandCode.FromBytesUnchecked((byte)'U', (byte)'B', (byte)'X');

    /// <summary><c>UUX</c></summary>
    public static readonly CommandCode Uux = CommandCode.FromBytesUnchecked((byte)'U', (byte)'U', (byte)'X');

    /// <summary><c>ADL</c> (MSNP13+)</summary>
    public static readonly CommandCode Adl = CommandCode.FromBytesUnchecked((byte)'A', (byte)'D', (byte)'L');

    /// <summary><c>RML</c> (MSNP13+)</summary>
    public static readonly CommandCode Rml = CommandCode.FromBytesUnchecked((byte)'R', (byte)'M', (byte)'L');

    /// <summary><c>FQY</c> (MSNP13+)</summary>
    public static readonly CommandCode Fqy = CommandCode.FromBytesUnchecked((byte)'F', (byte)'Q', (byte)'Y');

    /// <summary><c>UUN</c> (MSNP13+)</summary>
    public static readonly CommandCode Uun = CommandCode.FromBytesUnchecked((byte)'U', (byte)'U', (byte)'N');

    /// <summary><c>UBN</c> (MSNP13+)</summary>
    public static readonly CommandCode Ubn = CommandCode.FromBytesUnchecked((byte)'U', (byte)'B', (byte)'N');

    /// <summary><c>UUM</c> (MSNP13+)</summary>
    public static readonly CommandCode Uum = CommandCode.FromBytesUnchecked((byte)'U', (byte)'U', (byte)'M');

    /// <summary><c>PUT</c> (MSNP13+)</summary>
    public static readonly CommandCode Put = CommandCode.FromBytesUnchecked((byte)'P', (byte)'U', (byte)'T');

    /// <summary><c>NFY</c> (MSNP13+)</summary>
    public static readonly CommandCode Nfy = CommandCode.FromBytesUnchecked((byte)'N', (byte)'F', (byte)'Y');

    /// <summary><c>SDG</c> (MSNP13+)</summary>
    public static readonly CommandCode Sdg = CommandCode.FromBytesUnchecked((byte)'S', (byte)'D', (byte)'G');
}
