using System.CommandLine;
using Msnp.Cli.Options;

namespace Msnp.Cli.FileTransfer;

/// <summary>The options <c>listen</c> gains for receiving files: <c>--accept-files DIR</c>, <c>--max-file-size</c> and the transfer options.</summary>
internal sealed class AcceptFilesOptions
{
    private readonly Option<DirectoryInfo?> _directory = new("--accept-files")
    {
        Description = "Accept offered files into this folder and print one JSON line per saved file (counts toward --count).",
        HelpName = "DIR",
    };

    private readonly Option<long> _maxSize = new("--max-file-size")
    {
        Description = "Decline offers larger than this many bytes.",
        HelpName = "BYTES",
        DefaultValueFactory = _ => 64L << 30,
    };

    private readonly TransferOptions _transfer = new();

    public void AddTo(Command command)
    {
        _maxSize.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() < 0)
            {
                r.AddError("--max-file-size cannot be negative.");
            }
        });
        _directory.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && File.Exists(r.Tokens[0].Value))
            {
                r.AddError($"--accept-files must be a directory, but {Path.GetFullPath(r.Tokens[0].Value)} is a file.");
            }
        });
        command.Options.Add(_directory);
        command.Options.Add(_maxSize);
        _transfer.AddTo(command);
    }

    /// <summary>The receiver, or null when <c>--accept-files</c> was not given.</summary>
    public FileReceiver? CreateReceiver(ParseResult parse, Action<string> line, Action<string> warning, CancellationToken stop) =>
        parse.GetValue(_directory) is { } directory
            ? new FileReceiver(directory.FullName, _transfer.ToOptions(parse) with { MaxReceiveSize = parse.GetValue(_maxSize) }, line, warning, stop)
            : null;
}
