using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Msnp.Fuzz;

/// <summary>Reads every public property of a parsed object: lazy getters are parsers too, and none may throw.</summary>
internal static class Properties
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Cache = new();

    public static void TouchAll(object? value)
    {
        if (value is null)
        {
            return;
        }

        var properties = Cache.GetOrAdd(value.GetType(), static t =>
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray());
        foreach (var property in properties)
        {
            try
            {
                _ = property.GetValue(value);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }

        _ = value.ToString();
    }
}
