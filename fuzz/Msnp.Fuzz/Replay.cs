using System.Diagnostics;

namespace Msnp.Fuzz;

/// <summary>Runs saved inputs without AFL: to triage a crash or check the corpus after a fix.</summary>
internal static class Replay
{
    public static int Run(IFuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith("README.txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        int failed = 0;
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var started = clock.Elapsed;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                failed++;
                Console.WriteLine($"FAIL {file}: {ex}");
                continue;
            }

            var took = clock.Elapsed - started;
            if (took > TimeSpan.FromSeconds(1))
            {
                Console.WriteLine($"SLOW {file}: {took.TotalMilliseconds:F0} ms");
            }
        }

        Console.WriteLine($"{files.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
