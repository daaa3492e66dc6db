using System.Net;
using System.Security;
using System.Text;
using Msnp.Server.Diagnostics;
using Msnp.Server.Tests.Passport;
using Msnp.Server.Tests.Support;

namespace Msnp.Server.Tests.Hostile;

/// <summary>Client input reaches the log bounded and with every control character escaped.</summary>
public sealed class LogSanitisingTests
{
    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("a\r\nFAKE 2024 INFO admin logged in", @"a\x0D\x0AFAKE 2024 INFO admin logged in")]
    [InlineData("\u001b[31mred\u001b[0m", @"\x1B[31mred\x1B[0m")]
    [InlineData("tab\there\0nul\u007fdel", @"tab\x09here\x00nul\x7Fdel")]
    [InlineData("back\\slash", @"back\\slash")]
    [InlineData("c1\u0085next\u2028line\u202eevil", @"c1\u0085next\u2028line\u202Eevil")]
    [InlineData("emoji 😀 stays", "emoji 😀 stays")]
    [InlineData("héllo wörld", "héllo wörld")]
    public void Control_and_invisible_characters_are_escaped(string input, string expected) =>
        Assert.Equal(expected, LogText.Sanitize(input));

    [Fact]
    public void Long_input_is_cut_off_and_says_how_much_was_dropped()
    {
        var sanitized = LogText.Sanitize(new string('x', 100_000));
        Assert.Equal(new string('x', LogText.MaxLength) + "…(+99872 chars)", sanitized);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped() =>
        Assert.Equal(@"lone \uD800 surrogate", LogText.Sanitize("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void Null_is_logged_as_a_marker() => Assert.Equal("(null)", LogText.Sanitize(null));

    [Fact]
    public async Task Passport_logs_a_hostile_sign_in_name_escaped_and_bounded()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await PassportTestServer.StartAsync(logs: logs);
        var hostile = "x@example.com\r\n2030-01-01 INFO: Passport login succeeded for admin\u001b[2J" + new string('A', 150);

        using (var client = server.CreateClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{PassportTestServer.PublicHost}:{server.HttpsPort}/login2.srf");
            request.Headers.TryAddWithoutValidation("Authorization", PassportAuthorizationHeader.For(hostile, "wrong"));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

            var envelope = RstEndpointTests.Envelope(hostile.Replace("\u001b", string.Empty, StringComparison.Ordinal), "wrong", "http://Passport.NET/tb");
            using var rst = await client.PostAsync($"https://{PassportTestServer.PublicHost}:{server.HttpsPort}/RST.srf", new StringContent(envelope, Encoding.UTF8, "text/xml"));
            Assert.Equal(HttpStatusCode.InternalServerError, rst.StatusCode);
        }

        var failures = logs.Messages.Where(m => m.Contains("login failed for", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 2, string.Join("\n---\n", logs.Messages.Select(m => LogText.Sanitize(m))));
        foreach (var message in failures)
        {
            Assert.Matches(@"x@example\.com(\\x0D)?\\x0A2030-01-01 INFO", message);
            Assert.DoesNotContain('\n', message);
            Assert.DoesNotContain('\r', message);
            Assert.DoesNotContain('\u001b', message);
            Assert.True(message.Length < 400, $"log message of {message.Length} characters");
        }
    }
}
