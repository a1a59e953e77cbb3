using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;

namespace Outflow.Web.Infrastructure.Security;

/// <summary>
/// The values in the URL's path win over posted fields of the same name: a body field
/// "Reference=" must not redirect an action (or its audit entry) to another record than the URL
/// names. MVC's own order reads the form first. Only the route's own parameters count, not the
/// ambient "controller" and "action" values (forms have a field named Action).
/// </summary>
public sealed class UrlValuesFirstProviderFactory : IValueProviderFactory
{
    private static readonly HashSet<string> Ambient = new(StringComparer.OrdinalIgnoreCase) { "controller", "action", "area", "page", "handler" };

    public Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        var values = new RouteValueDictionary();
        foreach (var (key, value) in context.ActionContext.RouteData.Values)
        {
            if (!Ambient.Contains(key))
            {
                values[key] = value;
            }
        }

        if (values.Count > 0)
        {
            context.ValueProviders.Insert(0, new RouteValueProvider(BindingSource.Path, values, CultureInfo.InvariantCulture));
        }

        return Task.CompletedTask;
    }
}
