using System.Text;
using Msnp.Server.Passport;

namespace Msnp.Server.Tests.Passport;

public sealed class RequestLineRepairTests
{
    [Theory]
    [InlineData("GET /rdr/pprdr.asp", "GET /rdr/pprdr.asp HTTP/1.0")]
    [InlineData("GET /rdr/pprdr.asp\r", "GET /rdr/pprdr.asp HTTP/1.0\r")]
    [InlineData("GET /rdr/pprdr.asp  \t\r", "GET /rdr/pprdr.asp HTTP/1.0\r")]
    [InlineData("GET https://login.passport.com/login2.srf\r", "GET https://login.passport.com/login2.srf HTTP/1.0\r")]
    [InlineData("POST /RST.srf", "POST /RST.srf HTTP/1.0")]
    public void Line_without_version_gets_http_1_0(string line, string expected)
    {
        Assert.True(RequestLineRepair.TryRepair(Encoding.ASCII.GetBytes(line), out var repaired));
        Assert.Equal(expected, Encoding.ASCII.GetString(repaired));
    }

    [Theory]
    [InlineData("GET /rdr/pprdr.asp HTTP/1.1\r")]
    [InlineData("GET /rdr/pprdr.asp HTTP/1.0")]
    [InlineData("GET /a b\r")]
    [InlineData("GET\r")]
    [InlineData("\r")]
    [InlineData("")]
    [InlineData(" /rdr/pprdr.asp\r")]
    [InlineData("get /rdr/pprdr.asp\r")]
    [InlineData("GET /rdr/\u0001pprdr.asp\r")]
    [InlineData("GET /rdr/pprdr.asp\rX")]
    public void Any_other_line_is_left_to_kestrel(string line) =>
        Assert.False(RequestLineRepair.TryRepair(Encoding.Latin1.GetBytes(line), out _));

    [Fact]
    public void Non_ascii_target_is_left_alone() =>
        Assert.False(RequestLineRepair.TryRepair([.. "GET /"u8, 0xC3, 0xA9], out _));
}
