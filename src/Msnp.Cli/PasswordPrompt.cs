namespace Msnp.Cli;

/// <summary>
/// Asks for a password on the terminal without echoing it, when none was given by option or
/// <c>MSNP_PASSWORD</c>. Only when standard input and standard error are both a terminal: a script
/// gets the usual "--password is required" instead of a prompt it cannot answer.
/// </summary>
internal static class PasswordPrompt
{
    public static bool Available => !Console.IsInputRedirected && !Console.IsErrorRedirected;

    /// <summary>The typed password (possibly empty), or null when no terminal can be asked or input ended.</summary>
    public static string? Read(string prompt)
    {
        if (!Available)
        {
            return null;
        }

        // Takes over the terminal (no echo, key by key) before the prompt invites typing.
        _ = Console.KeyAvailable;
        Console.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
        try
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.Key == ConsoleKey.Enter)
                {
                    return text.ToString();
                }

                if (key.Key == ConsoleKey.Backspace)
                {
                    if (text.Length > 0)
                    {
                        text.Length--;
                    }
                }
                else if ((key.Modifiers & ConsoleModifiers.Control) != 0 && key.Key is ConsoleKey.C or ConsoleKey.D)
                {
                    return null;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    text.Append(key.KeyChar);
                }
            }
        }
        finally
        {
            Console.Error.WriteLine();
        }
    }
}
