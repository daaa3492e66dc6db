using System.Text.Json.Serialization;

namespace Msnp.Server.Admin.Security;

/// <summary>What <c>admin-api.json</c> holds: where the admin API listens and the token for it.</summary>
public sealed record LocalAdminEndpoint(string Url, string Token);

/// <summary>Source-generated JSON for <see cref="LocalAdminEndpoint"/>.</summary>
[JsonSerializable(typeof(LocalAdminEndpoint))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class LocalAdminEndpointContext : JsonSerializerContext;
