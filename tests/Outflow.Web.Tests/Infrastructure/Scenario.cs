using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>The steps users take, through the real pages, for tests to build on.</summary>
public static class Scenario
{
    public const string UtrechtCounsellor = "counsellor.utrecht";
    public const string ZwolleCounsellor = "counsellor.zwolle";
    public const string UtrechtCorporation = "responder.corporation.utrecht";
    public const string ZwolleCorporation = "responder.corporation.zwolle";

    public static Dictionary<string, string?> Fields(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>The required checkbox of a step that cannot be undone.</summary>
    public static Dictionary<string, string?> Confirmed => Fields(("Confirmed", "true"));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<Page> SubmitRegistrationAsync(OutflowClient client, Dictionary<string, string?> values)
    {
        var page = await client.GetAsync("/residents/new");
        return await client.SubmitAsync(page, "form[action='/residents/new']", values);
    }

    /// <summary>Registers a resident and returns her reference (from the page the app redirects to).</summary>
    public static async Task<string> RegisterResidentAsync(OutflowClient client, DateOnly intake, DateOnly? ready = null, string initials = "A.B.")
    {
        var page = await SubmitRegistrationAsync(client, Fields(
            ("Initials", initials), ("BirthYear", "1990"), ("Adults", "1"), ("Children", "2"),
            ("IntakeDate", Iso(intake)), ("ReadyDate", ready is null ? "" : Iso(ready.Value)), ("OriginMunicipalityCode", "GM0363")));
        page.Path.Should().StartWith("/residents/R-", "registration should succeed: {0}", string.Join("; ", page.Errors));
        return page.Path["/residents/".Length..];
    }

    /// <summary>Creates a draft request addressed to the named organisation and returns its reference.</summary>
    public static async Task<string> CreateDraftAsync(OutflowClient client, string residentReference, string addressedTo = "Demo Woningcorporatie Utrecht", string municipality = "GM0344")
    {
        var start = await client.GetAsync($"/residents/{residentReference}/requests/new");
        var page = await client.GetAsync(start.Form("form[method=get]").GetAttribute("action") + "?MunicipalityCode=" + municipality);
        var form = page.Form("form[action$='/requests/new'][method=post]");
        var option = form.QuerySelectorAll("select[name=AddressedOrganisationId] option").Single(o => o.TextContent.StartsWith(addressedTo, StringComparison.Ordinal));
        var result = await client.SubmitAsync(form, Fields(("AddressedOrganisationId", option.GetAttribute("value"))));
        result.Path.Should().StartWith("/requests/U-", "creating the draft should succeed: {0}", string.Join("; ", result.Errors));
        return result.Path["/requests/".Length..];
    }

    public static IHtmlFormElement? ActionForm(Page page, string action) =>
        page.Document.QuerySelectorAll<IHtmlFormElement>("form[action$='/status']")
            .SingleOrDefault(f => f.QuerySelector($"input[name=Action][value={action}]") is not null);

    /// <summary>Takes one workflow step from the request page, as the user would, and returns the resulting page.</summary>
    public static async Task<Page> ActAsync(OutflowClient client, string requestReference, string action, string? date = null, string? note = null, Dictionary<string, string?>? extra = null)
    {
        var page = await client.GetAsync($"/requests/{requestReference}");
        var form = ActionForm(page, action) ?? throw new InvalidOperationException($"No '{action}' form for this user on {requestReference} (status page says: {page.Document.QuerySelector(".status")?.TextContent}).");
        var values = new Dictionary<string, string?>();
        if (date is not null)
        {
            values["Date"] = date;
        }

        if (note is not null)
        {
            values["Note"] = note;
        }

        foreach (var (name, value) in extra ?? [])
        {
            values[name] = value;
        }

        return await client.SubmitAsync(form, values);
    }

    public static string StatusOn(Page page) => page.Document.QuerySelector("dl.facts .status")?.TextContent.Trim() ?? "";
}
