namespace Msnp.Admin.Tests.Support;

internal static class ServiceProviderExtensions
{
    public static T GetRequiredServiceOf<T>(this IServiceProvider services)
        where T : notnull =>
        (T)(services.GetService(typeof(T)) ?? throw new InvalidOperationException(typeof(T) + " is not registered."));
}
