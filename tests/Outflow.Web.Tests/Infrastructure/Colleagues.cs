using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>Second users in the demo organisations (colleagues to hand over to or assign), made through Identity as the admin pages do.</summary>
public static class Colleagues
{
    public static async Task<Guid> CreateAsync(OutflowFactory factory, string userName, string displayName, string organisation, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            return existing.Id;
        }

        await using var connection = await factory.Db.OpenAsync();
        var organisationId = await connection.QuerySingleAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @organisation", new { organisation });
        var user = new AppUser { UserName = userName, DisplayName = displayName, OrganisationId = organisationId, Email = $"{userName}@demo.invalid" };
        (await users.CreateAsync(user, DemoSeeder.DefaultPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        return user.Id;
    }

    public static async Task<Guid> IdOfAsync(OutflowFactory factory, string userName)
    {
        await using var connection = await factory.Db.OpenAsync();
        return await connection.QuerySingleAsync<Guid>("SELECT Id FROM Users WHERE UserName = @userName", new { userName });
    }
}

/// <summary>Submitting a GET form (the search box) the way a browser does: its fields as the query string.</summary>
public static class GetForms
{
    public static async Task<Page> SubmitGetAsync(this OutflowClient client, AngleSharp.Html.Dom.IHtmlFormElement form, IDictionary<string, string?> values)
    {
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Name is { Length: > 0 })
            .ToDictionary(i => i.Name!, i => (string?)i.Value);
        foreach (var (name, value) in values)
        {
            if (!fields.ContainsKey(name))
            {
                throw new InvalidOperationException($"The form has no field '{name}'.");
            }

            fields[name] = value;
        }

        var query = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value ?? "")));
        return await client.GetAsync(form.GetAttribute("action") + "?" + query);
    }
}
