using Msnp.Load.Metrics;
using Msnp.Load.Net;

namespace Msnp.Cli.Tests.Load;

public class ProcReadingTests
{
    [Theory]
    [InlineData("VmRSS:\t  123456 kB", 123456L * 1024)]
    [InlineData("VmRSS: 1 kB", 1024)]
    public void Status_lines_are_read_in_bytes(string line, long expected)
    {
        Assert.True(MemoryUse.TryParseStatusLine(line, "VmRSS:", out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("VmHWM:\t  1 kB")]
    [InlineData("VmRSS:\t  12 MB")]
    [InlineData("VmRSS:")]
    public void Other_or_malformed_status_lines_are_not_read(string line)
    {
        Assert.False(MemoryUse.TryParseStatusLine(line, "VmRSS:", out _));
    }

    [Fact]
    public void The_memory_of_another_process_is_read_by_its_id()
    {
        Assert.Equal(OperatingSystem.IsLinux(), MemoryUse.ResidentOf(Environment.ProcessId) > 0);
        Assert.Equal(0, MemoryUse.ResidentOf(int.MaxValue));
    }

    [Theory]
    [InlineData("Max open files            20000                20000                files", 20000L)]
    [InlineData("Max open files            unlimited            unlimited            files", long.MaxValue)]
    public void The_soft_open_file_limit_is_read(string line, long expected)
    {
        Assert.True(DescriptorLimit.TryParseLimitsLine(line, out var soft));
        Assert.Equal(expected, soft);
    }

    [Fact]
    public void Other_limit_lines_are_skipped()
    {
        Assert.False(DescriptorLimit.TryParseLimitsLine("Max processes             95853                95853                processes", out _));
    }

    [Fact]
    public void Connections_that_do_not_fit_under_the_limit_are_explained()
    {
        Assert.Null(DescriptorLimit.Check(1000, 20_000, sharesProcess: true));
        Assert.Null(DescriptorLimit.Check(1000, null, sharesProcess: true));
        Assert.Contains("--server", DescriptorLimit.Check(20_000, 20_000, sharesProcess: true), StringComparison.Ordinal);
        Assert.Contains("ulimit -n", DescriptorLimit.Check(19_900, 20_000, sharesProcess: false), StringComparison.Ordinal);
    }

    [Fact]
    public void This_process_has_an_open_file_limit_on_linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), DescriptorLimit.Current() > 0);
    }

    [Theory]
    [InlineData("Passport1.4 da-status=success,tname=MSPAuth,from-PP='t=abc&p=def',ru=http://x", "t=abc&p=def")]
    [InlineData("Passport1.4 da-status=failed,from-PP='t=abc&p=def'", null)]
    [InlineData("Passport1.4 da-status=success,tname=MSPAuth", null)]
    [InlineData("Passport1.4 da-status=success,from-PP=''", null)]
    public void The_ticket_is_read_from_authentication_info(string header, string? ticket)
    {
        Assert.Equal(ticket, PassportLoginClient.ParseTicket(header));
    }
}
