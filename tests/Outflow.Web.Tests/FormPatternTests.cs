using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 19: forms follow the NL Design System rules. One validation round; an error summary with
/// a heading, each error a link to its field, focus on the summary; "Fout: " in the title; each
/// error repeated at its field and tied to it with aria-describedby; required fields marked; no
/// browser validation in the way of the server's messages; NL Design System component classes.
/// </summary>
public sealed class FormPatternTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    [Fact]
    public async Task The_error_summary_has_a_heading_links_to_each_field_and_takes_focus()
    {
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        var page = await SubmitRegistrationAsync(client, Fields(("Initials", ""), ("BirthYear", "1800"), ("IntakeDate", "")));

        page.Document.Title.Should().StartWith("Fout: Bewoner registreren");
        var summary = page.Document.QuerySelector(".error-summary")!;
        summary.ClassList.Should().Contain(["utrecht-alert", "utrecht-alert--error"]);
        summary.HasAttribute("autofocus").Should().BeTrue("focus moves to the summary without script");
        summary.GetAttribute("tabindex").Should().Be("-1");
        var heading = summary.QuerySelector("h2")!;
        heading.TextContent.Should().Be("Er zijn 3 fouten gevonden");
        summary.GetAttribute("aria-labelledby").Should().Be(heading.Id);

        var links = summary.QuerySelectorAll("li a").Select(a => (Href: a.GetAttribute("href")!, Text: a.TextContent)).ToList();
        links.Select(l => l.Text).Should().BeEquivalentTo(
            "Vul Initialen in.", "Vul Datum van opname in.", $"Vul bij Geboortejaar een jaar in van {factory.Today.Year - 110} tot en met {factory.Today.Year - 12}.");
        foreach (var (href, text) in links)
        {
            var field = page.Document.QuerySelector(href);
            field.Should().NotBeNull($"the link {href} leads to its field");
            field!.GetAttribute("aria-invalid").Should().Be("true");
            var describedBy = field.GetAttribute("aria-describedby")!.Split(' ');
            page.Document.GetElementById(describedBy[0])!.TextContent.Should().Be(text, "the error is repeated at the field");
            page.Document.GetElementById(describedBy[0])!.ClassList.Should().Contain("utrecht-form-field-error-message");
        }

        // A hint the view ties to a field stays tied to it next to the error.
        page.Document.QuerySelector("#Initials")!.GetAttribute("aria-describedby").Should().Be("Initials-error initials-hint");
    }

    [Fact]
    public async Task A_single_error_is_counted_in_the_singular()
    {
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        var page = await SubmitRegistrationAsync(client, Fields(("Initials", "A.B."), ("BirthYear", "")));

        page.Document.QuerySelector(".error-summary h2")!.TextContent.Should().Be("Er is 1 fout gevonden");
    }

    [Fact]
    public async Task Required_fields_are_marked_forms_leave_validation_to_the_server_and_controls_are_nl_design_system_components()
    {
        var client = await factory.SignedInAsync(ZwolleCounsellor);

        var page = await client.GetAsync("/residents/new");

        page.Document.Title.Should().NotStartWith("Fout:");
        page.Document.QuerySelector(".error-summary").Should().BeNull();
        page.Document.QuerySelectorAll("form").Should().OnlyContain(f => f.HasAttribute("novalidate"));
        page.Document.QuerySelector("label[for=Initials]")!.TextContent.Should().Be("Initialen (verplicht)");
        page.Document.QuerySelector("#Initials")!.GetAttribute("aria-required").Should().Be("true");
        page.Document.QuerySelector("label[for=ReadyDate]")!.TextContent.Should().Be("Uitstroomklaar sinds", "an optional field carries no mark");
        page.Document.QuerySelector("#Initials")!.ClassList.Should().Contain("utrecht-textbox");
        page.Document.QuerySelector("#OriginMunicipalityCode")!.ClassList.Should().Contain("utrecht-select");
        page.Document.QuerySelector("main button[type=submit]")!.ClassList.Should().Contain(["utrecht-button", "utrecht-button--primary-action"]);
    }

    [Fact]
    public async Task The_navigation_marks_the_current_page_and_collapses_into_a_menu_without_script()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);

        var page = await client.GetAsync("/residents/new");

        page.Document.QuerySelectorAll("nav.site-nav--wide a[aria-current=page]").Select(a => a.TextContent).Should().Equal("Bewoner registreren");
        page.Document.QuerySelector("details.site-nav--narrow > summary").Should().NotBeNull();
        page.Document.QuerySelectorAll("details.site-nav--narrow a[aria-current=page]").Select(a => a.TextContent).Should().Equal("Bewoner registreren");

        var resident = await client.GetAsync($"/residents/{await RegisterResidentAsync(client, factory.Today.AddDays(-3))}");
        resident.Document.QuerySelectorAll("nav.site-nav--wide a[aria-current=page]").Select(a => a.TextContent).Should().Equal("Bewoners");
        var crumbs = resident.Document.QuerySelectorAll(".utrecht-breadcrumb-nav li").Select(li => li.TextContent.Trim()).ToList();
        crumbs.Should().HaveCount(3);
        crumbs[0].Should().Be("Start");
        crumbs[1].Should().Be("Bewoners");
        crumbs[2].Should().StartWith("Bewoner R-");
        resident.Document.QuerySelector(".utrecht-breadcrumb-nav [aria-current=page]").Should().NotBeNull();
    }

    [Fact]
    public async Task Every_table_scrolls_in_its_own_named_container()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);

        var page = await client.GetAsync("/municipalities");

        var tables = page.Document.QuerySelectorAll("main table");
        tables.Should().NotBeEmpty();
        foreach (var table in tables)
        {
            table.ClassList.Should().Contain("utrecht-table");
            var container = table.ParentElement!;
            container.ClassList.Should().Contain("utrecht-table-container");
            container.GetAttribute("tabindex").Should().Be("0");
            container.GetAttribute("role").Should().Be("region");
            container.GetAttribute("aria-label").Should().NotBeNullOrWhiteSpace();
        }
    }
}
