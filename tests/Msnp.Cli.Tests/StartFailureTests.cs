using Microsoft.AspNetCore.Connections;
using Msnp.Server.Hosting;

namespace Msnp.Cli.Tests;

/// <summary>How <c>msnp serve</c> words a port that is already taken, for both address families.</summary>
public sealed class StartFailureTests
{
    [Theory]
    [InlineData("127.0.0.1", "Failed to bind to address 127.0.0.1:1863: address already in use.")]
    [InlineData("::1", "Failed to bind to address [::1]:1863: address already in use.")]
    [InlineData("::1", "Failed to bind to address http://[::1]:1863: address already in use.")]
    public void A_taken_port_is_named_with_its_option_whatever_the_address_family(string bind, string message)
    {
        var options = new MsnpServerOptions { BindAddress = bind, DispatchPort = 1863, NotificationPort = 0, SwitchboardPort = 0, HttpPort = 0, HttpsPort = 0 };
        var failure = new IOException(message, new AddressInUseException("Address already in use"));

        Assert.Equal(
            $"port 1863 on {bind} is already in use (another msnp serve?). Stop that process or choose another --dispatch-port (0 picks a free port).",
            StartFailure.Describe(failure, options));
    }
}
