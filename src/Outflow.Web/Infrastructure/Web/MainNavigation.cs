using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Infrastructure.Web;

/// <summary>One link of the main navigation; <see cref="Signals"/> marks the place of the signals link (a view component with counts).</summary>
public sealed record NavItem(string Href, string TextKey, bool Signals = false);

/// <summary>
/// The main navigation for a user's roles, and which item is the current page (aria-current):
/// the item whose path is the longest prefix of the request path, so /residents/R-… marks
/// "Bewoners" and /residents/new marks "Bewoner registreren".
/// </summary>
public static class MainNavigation
{
    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user)
    {
        var items = new List<NavItem>();
        if (user.IsInRole(Roles.Counsellor))
        {
            items.Add(new("/today", "Nav.Today"));
            items.Add(new("/residents", "Nav.Residents"));
            items.Add(new("/residents/new", "Nav.RegisterResident"));
        }

        if (user.IsInRole(Roles.Responder))
        {
            items.Add(new("/inbox", "Nav.Inbox"));
        }

        if (user.IsInRole(Roles.Counsellor) || user.IsInRole(Roles.Responder))
        {
            items.Add(new("/signals", "Nav.Signals", Signals: true));
        }

        if (user.IsInRole(Roles.PolicyAnalyst) || user.IsInRole(Roles.Admin))
        {
            items.Add(new("/reports", "Nav.Reports"));
        }

        items.Add(new("/municipalities", "Nav.Municipalities"));
        if (user.IsInRole(Roles.OrganisationAdmin))
        {
            items.Add(new("/organisation/users", "Nav.OrganisationUsers"));
        }

        if (user.IsInRole(Roles.Admin))
        {
            items.Add(new("/admin/organisations", "Nav.Organisations"));
            items.Add(new("/schemes/import", "Nav.SchemeImport"));
            items.Add(new("/admin/regions", "Nav.Regions"));
            items.Add(new("/admin/requirements", "Nav.Review"));
            items.Add(new("/hangfire", "Nav.Jobs"));
        }

        return items;
    }

    /// <summary>The item to mark as the current page, or null when no item leads to this page.</summary>
    public static NavItem? Current(IReadOnlyList<NavItem> items, PathString path) =>
        items.Where(i => path.StartsWithSegments(i.Href, StringComparison.OrdinalIgnoreCase))
            .MaxBy(i => i.Href.Length);
}

/// <summary>The navigation list partial's model: the items and the current one.</summary>
public sealed record NavListModel(IReadOnlyList<NavItem> Items, NavItem? Current);

/// <summary>A step of the breadcrumb trail between the start page and the current page; a view adds its own with ViewData["Breadcrumbs"].</summary>
public sealed record Breadcrumb(string Text, string Href);
