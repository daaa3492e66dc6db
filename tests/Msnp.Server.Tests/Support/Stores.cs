using Microsoft.Extensions.DependencyInjection;
using Msnp.Server.Admin.Security;
using Msnp.Server.Storage;
using Msnp.Server.Storage.Relational;

namespace Msnp.Server.Tests.Support;

/// <summary>The server's own SQLite account store, for tests that count the work it did.</summary>
internal static class Stores
{
    /// <summary>Under the operators' guard (which only adds the disabled-account check) is the SQLite store.</summary>
    public static RelationalAccountStore Accounts(TestServer server)
    {
        var registered = server.Host.Services.GetRequiredService<IAccountStore>();
        return (RelationalAccountStore)(registered is GuardedAccountStore guarded ? guarded.Inner : registered);
    }
}
