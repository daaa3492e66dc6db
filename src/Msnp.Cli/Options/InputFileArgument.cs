using System.CommandLine;

namespace Msnp.Cli.Options;

/// <summary>An optional <c>FILE</c> argument where no file, or <c>-</c>, means standard input (the Unix convention).</summary>
internal static class InputFileArgument
{
    public const string StandardInput = "-";

    public static Argument<string?> Create(string description)
    {
        var argument = new Argument<string?>("FILE")
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrOne,
        };
        argument.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string?>();
            if (!IsStandardInput(path) && !File.Exists(path))
            {
                result.AddError($"the file {path} does not exist.");
            }
        });
        return argument;
    }

    public static bool IsStandardInput(string? path) => path is null or StandardInput;

    /// <summary>Opens the named file for sequential reading, or standard input.</summary>
    public static Stream Open(string? path) =>
        IsStandardInput(path)
            ? Console.OpenStandardInput()
            : new FileStream(path!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
