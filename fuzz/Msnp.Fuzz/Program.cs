using Msnp.Fuzz;
using SharpFuzz;

// Msnp.Fuzz TARGET            run under afl-fuzz (persistent mode; once on stdin outside AFL)
// Msnp.Fuzz TARGET FILE...    replay inputs (a corpus, a crash) and report each outcome
if (args.Length == 0 || !FuzzTargets.TryCreate(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Msnp.Fuzz {{{string.Join('|', FuzzTargets.Names)}}} [input files or directories...]");
    return 2;
}

if (args.Length > 1)
{
    return Replay.Run(target, args[1..]);
}

Fuzzer.Run(stream => target.Run(FuzzInput.ReadAll(stream)));
return 0;
