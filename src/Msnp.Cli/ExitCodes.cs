namespace Msnp.Cli;

/// <summary>Process exit codes shared by every verb, so scripts can tell bad usage from bad input.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did its job.</summary>
    public const int Success = 0;

    /// <summary>Bad options or arguments, or an input that could not be opened (System.CommandLine also uses 1).</summary>
    public const int Usage = 1;

    /// <summary>The input was read but is not valid MSNP (a framing violation or a truncated frame).</summary>
    public const int InvalidInput = 2;
}
