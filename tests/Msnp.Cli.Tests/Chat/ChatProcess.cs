using System.Diagnostics;
using System.Text;

namespace Msnp.Cli.Tests.Chat;

/// <summary>
/// <c>msnp chat</c> as a separate process with a pipe for standard input, so a test can type a line,
/// wait for the line of output it causes, and type the next.
/// </summary>
internal sealed class ChatProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly SemaphoreSlim _changed = new(0);
    private readonly StringBuilder _error = new();
    private readonly Task _reading;
    private bool _outputEnded;

    private ChatProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(ReadOutputAsync(), ReadErrorAsync());
    }

    public int Id => _process.Id;

    public static ChatProcess Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = MsnpProcess.StartInfo(environment, args);
        start.RedirectStandardInput = true;
        start.StandardInputEncoding = new UTF8Encoding(false);
        start.StandardOutputEncoding = Encoding.UTF8;
        return new ChatProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start msnp chat"));
    }

    /// <summary>Every line printed so far.</summary>
    public string Transcript
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public async Task TypeAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The first line printed (now or later) that matches.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var index = 0;
        while (true)
        {
            lock (_lines)
            {
                for (; index < _lines.Count; index++)
                {
                    if (match(_lines[index]))
                    {
                        return _lines[index];
                    }
                }

                if (_outputEnded)
                {
                    throw new InvalidOperationException($"msnp chat ended without {what}.\nOutput:\n{Transcript}\nError:\n{Error}");
                }
            }

            try
            {
                await _changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"msnp chat printed no {what} within {Patience}.\nOutput:\n{Transcript}\nError:\n{Error}");
            }
        }
    }

    public Task<string> WaitForLineAsync(string exact) => WaitForLineAsync(l => l == exact, $"'{exact}'");

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _reading.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"msnp chat did not exit within {Patience}.\nOutput:\n{Transcript}\nError:\n{Error}");
        }

        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _changed.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }

            _changed.Release();
        }

        lock (_lines)
        {
            _outputEnded = true;
        }

        _changed.Release();
    }

    private async Task ReadErrorAsync()
    {
        var buffer = new char[1024];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer)) > 0)
        {
            lock (_error)
            {
                _error.Append(buffer, 0, read);
            }
        }
    }
}
