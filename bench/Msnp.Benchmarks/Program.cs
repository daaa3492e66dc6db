using BenchmarkDotNet.Running;
using Msnp.Benchmarks.Traffic;

// "streams" describes the generated streams instead of running benchmarks.
if (args is ["streams"])
{
    StreamReport.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
