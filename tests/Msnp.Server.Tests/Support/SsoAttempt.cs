namespace Msnp.Server.Tests.Support;

/// <summary>
/// One SSO sign-in of alice under way: her connection has read the policy and the nonce
/// (<see cref="SsoSignIn.BeginAsync"/>), and her password has got the tokens from the server's token
/// service (<see cref="SsoSignIn.RequestTokensAsync"/>); the test sends the answer it is about.
/// Disposing closes the connection.
/// </summary>
internal sealed class SsoAttempt(string email, SsoSignIn.Challenge challenge, SsoSignIn.Tokens tokens) : IAsyncDisposable
{
    public string Email { get; } = email;

    public LineClient Client => Challenge.Client;

    public SsoSignIn.Challenge Challenge { get; } = challenge;

    public string Nonce => Challenge.Nonce;

    public SsoSignIn.Tokens Tokens { get; } = tokens;

    /// <param name="scene">A scene with the account alice.</param>
    /// <param name="version">The dialect the connection speaks (MSNP15–18).</param>
    /// <param name="tokenPath">The token service's path (<c>/RST.srf</c>, or <c>//RST2.srf</c> as WLM 2009 asks it).</param>
    public static async Task<SsoAttempt> BeginAsync(Scene scene, string version, string tokenPath = "/RST.srf")
    {
        var email = Scene.Email("alice");
        var challenge = await SsoSignIn.BeginAsync(scene.Server, email, version);
        var tokens = await SsoSignIn.RequestTokensAsync(scene.Server, email, Scene.Password, tokenPath);
        return new SsoAttempt(email, challenge, tokens);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
