using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Client;
using Msnp.Protocol.Dialects;
using Msnp.Server.Admin.Security;
using Msnp.Server.Hosting;
using Msnp.Server.Storage;

namespace Msnp.Admin.Tests.Support;

/// <summary>A real server with its admin listener on a free loopback port, one administrator and helpers for MSNP users.</summary>
internal sealed partial class AdminServer : IAsyncDisposable
{
    public const string AdminName = "root";
    public const string AdminPassword = "admin password 1";
    public const string UserPassword = "correct horse";

    private AdminServer(TestServer server) => Server = server;

    public TestServer Server { get; }

    public MsnpServerHost Host => Server.Host;

    public Uri Url => Host.Operators.Url ?? throw new InvalidOperationException("The admin listener is off.");

    /// <summary>The bearer token <c>msnp admin</c> would read from the data directory.</summary>
    public string Token => LocalAdminToken.Read(Server.DataDirectory)!.Token;

    public static async Task<AdminServer> StartAsync(Action<MsnpServerOptions>? configure = null)
    {
        var server = await TestServer.StartAsync(o =>
        {
            o.Admin.Enabled = true;
            o.Admin.Port = 0;
            configure?.Invoke(o);
        });
        await server.Host.Operators.Store.AddAdminAsync(AdminName, AdminPassword);
        return new AdminServer(server);
    }

    public async Task CreateUserAsync(string email, string password = UserPassword)
    {
        var result = await Host.Services.GetRequiredService<IAccountStore>().CreateAsync(email, password, null);
        Assert.True(result.Succeeded, result.ToString());
    }

    public MsnpClientOptions ClientOptions(string email, string password = UserPassword, MsnpDialect? dialect = null) => new()
    {
        Host = "127.0.0.1",
        Port = Host.Endpoints.NotificationPort,
        HttpsPort = Host.Endpoints.HttpsPort,
        Account = email,
        Password = password,
        Dialect = dialect ?? MsnpDialect.Msnp8,
        TrustedCertificatePath = Path.Combine(Server.DataDirectory, "passport.crt"),
        TransactionTimeout = TimeSpan.FromSeconds(20),
    };

    public async Task<MsnpClient> SignInAsync(string email, string password = UserPassword, MsnpDialect? dialect = null)
    {
        var client = new MsnpClient(ClientOptions(email, password, dialect));
        await client.SignInAsync();
        return client;
    }

    /// <summary>An HTTP client for the admin listener that keeps cookies and does not follow redirects.</summary>
    public HttpClient Http(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Reads the anti-forgery token from a page's form.</summary>
    public static async Task<string> FormTokenAsync(HttpClient http, string path)
    {
        var html = await http.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No anti-forgery token on " + path);
    }

    /// <summary>Posts the sign-in form.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string name, string password)
    {
        var token = await FormTokenAsync(http, "/login");
        return await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = name,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>A client signed in to the console.</summary>
    public async Task<HttpClient> SignedInHttpAsync()
    {
        var http = Http();
        using var response = await PostLoginAsync(http, AdminName, AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    /// <summary>Posts a console form with the anti-forgery token read from <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string page, string handler, params (string Name, string Value)[] fields)
    {
        var token = await FormTokenAsync(http, page);
        var form = fields.ToDictionary(f => f.Name, f => f.Value);
        form["__RequestVerificationToken"] = token;
        return await http.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
