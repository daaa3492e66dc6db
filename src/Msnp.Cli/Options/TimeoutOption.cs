using System.CommandLine;

namespace Msnp.Cli.Options;

/// <summary><c>--timeout SECONDS</c>, shared by the verbs that wait on the network, with one range check.</summary>
internal static class TimeoutOption
{
    public static Option<double?> Create(string description)
    {
        var option = new Option<double?>("--timeout") { Description = description, HelpName = "SECONDS" };
        option.Validators.Add(r =>
        {
            // CancelAfter takes whole milliseconds as an int.
            if (r.GetValueOrDefault<double?>() is <= 0 or > int.MaxValue / 1000)
            {
                r.AddError("--timeout must be a positive number of seconds.");
            }
        });
        return option;
    }
}
