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

// Out of process, a child runs the inputs and the parent survives what kills a process outright
// (stack overflow, fail-fast), reporting it as a crash with its input; in process is faster.
if (Environment.GetEnvironmentVariable("MSNP_FUZZ_OUT_OF_PROCESS") == "1")
{
    Fuzzer.OutOfProcess.Run(stream => target.Run(FuzzInput.ReadAll(stream)));
}
else
{
    Fuzzer.Run(stream => target.Run(FuzzInput.ReadAll(stream)));
}

return 0;
