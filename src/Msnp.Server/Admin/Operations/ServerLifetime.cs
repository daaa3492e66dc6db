using Microsoft.Extensions.Hosting;

namespace Msnp.Server.Admin.Operations;

/// <summary>The MSNP server's lifetime (not the admin listener's own), for health and maintenance.</summary>
public sealed record ServerLifetime(IHostApplicationLifetime Lifetime);
