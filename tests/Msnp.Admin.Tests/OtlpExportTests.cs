using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Msnp.Admin.Tests.Support;

namespace Msnp.Admin.Tests;

/// <summary>OTLP: with an endpoint configured, the server pushes its metrics to a real HTTP receiver.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Metrics_are_pushed_over_otlp_http_when_an_endpoint_is_configured()
    {
        var received = new TaskCompletionSource<(string ContentType, byte[] Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        await using var collector = builder.Build();
        collector.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            // The first pushes may come before the server has recorded anything.
            if (System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains("msnp_", StringComparison.Ordinal))
            {
                received.TrySetResult((context.Request.ContentType ?? string.Empty, body.ToArray()));
            }

            return Results.Ok();
        });
        await collector.StartAsync();
        var url = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var server = await AdminServer.StartAsync(o =>
        {
            o.Admin.OtlpEndpoint = url + "/v1/metrics";
            o.Admin.OtlpProtocol = "http/protobuf";
            o.Admin.OtlpExportInterval = TimeSpan.FromMilliseconds(500);
        });
        await server.CreateUserAsync("alice@example.com");
        await using var client = await server.SignInAsync("alice@example.com");

        var (contentType, payload) = await received.Task.Within(60);

        Assert.Equal("application/x-protobuf", contentType);
        var text = System.Text.Encoding.UTF8.GetString(payload);
        Assert.Contains("Msnp.Server", text, StringComparison.Ordinal);
        Assert.Contains("msnp_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_otlp_protocol_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AdminServer.StartAsync(o =>
        {
            o.Admin.OtlpEndpoint = "http://127.0.0.1:4317";
            o.Admin.OtlpProtocol = "carrier-pigeon";
        }));
        Assert.Contains("carrier-pigeon", error.Message, StringComparison.Ordinal);
    }
}
