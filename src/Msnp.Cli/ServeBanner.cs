using Msnp.Server.Hosting;
using Msnp.Server.Passport;

namespace Msnp.Cli;

/// <summary>What <c>msnp serve</c> prints once it listens: every listener with the port actually bound, and the store (never its password).</summary>
internal static class ServeBanner
{
    private const string GatewayPath = "/gateway/gateway.dll";

    public static IEnumerable<string> Lines(MsnpServerOptions o, ServerEndpoints e, Uri? admin, string store)
    {
        var bind = o.BindAddress.Contains(':', StringComparison.Ordinal) ? $"[{o.BindAddress}]" : o.BindAddress;
        var host = o.EffectivePublicHost;
        var data = Path.GetFullPath(o.DataDirectory);
        yield return $"msnp serve: data in {data}";
        yield return $"  store         {store}";
        yield return $"  dispatch      {bind}:{e.DispatchPort}";
        yield return $"  notification  {bind}:{e.NotificationPort}";
        yield return $"  switchboard   {bind}:{e.SwitchboardPort}";
        if (o.Cluster.Enabled)
        {
            yield return $"  cluster       {bind}:{o.Cluster.Port}   (node {o.Cluster.EffectiveNodeName}, cluster {o.Cluster.ClusterId})";
        }

        yield return $"  http          {bind}:{e.HttpPort}" + (o.AllowPlainHttpPassport ? string.Empty : "   (Passport refused on plain http; --allow-plain-http-passport)");
        yield return $"  https         {bind}:{e.HttpsPort}";
        yield return $"  passport      https://{host}:{e.HttpsPort}/rdr/pprdr.asp   (clients are told this; certificate {Path.Combine(data, CertificateProvider.PemFileName)})";
        if (o.Gateway.Enabled)
        {
            yield return $"  gateway       http://{host}:{e.HttpPort}{GatewayPath}";
        }

        yield return admin is not null
            ? $"  admin         {admin} (console, msnp admin, /health/ready, /metrics)"
            : "  admin         off (--no-admin)";
        yield return "Press Ctrl-C to stop.";
    }
}
