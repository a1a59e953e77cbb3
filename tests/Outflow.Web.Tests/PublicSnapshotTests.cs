using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Features.Reports;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Issue 17: an analyst publishes a frozen snapshot at a public address (no sign-in) and may withdraw it; both audited.</summary>
public sealed partial class PublicSnapshotTests
{
    [Fact]
    public async Task A_published_snapshot_is_public_without_sign_in_and_a_withdrawn_one_says_so_at_its_address()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 6; i++)
        {
            await RegisterResidentAsync(counsellor, today.AddDays(-60), today.AddDays(-20));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var snapshot = await analyst.SubmitAsync(await analyst.GetAsync("/reports"), "form[action='/reports/snapshots']");
        var id = Guid.Parse(snapshot.Path["/reports/snapshots/".Length..]);
        snapshot.Document.QuerySelector("#publication-state")!.TextContent.Should().Contain("niet openbaar");

        var anonymous = factory.Client();
        (await anonymous.GetAsync($"/published/{id}")).Status.Should().Be(HttpStatusCode.NotFound, "a snapshot is not public until an analyst publishes it");
        (await anonymous.Http.GetAsync($"/published/{id}.json")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var published = await analyst.SubmitAsync(snapshot, $"form[action='/reports/snapshots/{id}/publish']");
        published.Text.Should().Contain("openbaar gemaakt");
        published.Document.QuerySelector($"#publication-state a[href='/published/{id}']").Should().NotBeNull();

        var page = await anonymous.GetAsync($"/published/{id}");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Path.Should().Be($"/published/{id}", "no sign-in is asked");
        page.Text.Should().Contain($"Outflow-blokkaderapport {id}, stand {today:dd-MM-yyyy}, definities v{Outflow.Core.Metrics.BedDays.DefinitionsVersion}")
            .And.Contain($"/published/{id}");
        page.Document.QuerySelector("table#blockage")!.OuterHtml.Should().Be(published.Document.QuerySelector("table#blockage")!.OuterHtml, "the public page shows the stored figures");
        page.Document.QuerySelector("nav").Should().BeNull("an anonymous reader gets no navigation into the app");

        var json = await anonymous.Http.GetByteArrayAsync($"/published/{id}.json");
        json.Should().Equal(await analyst.Http.GetByteArrayAsync($"/reports/snapshots/{id}.json"));
        page.Document.QuerySelector("code")!.TextContent.Should().Be(ReportSnapshots.Hash(Encoding.UTF8.GetString(json)));
        Encoding.UTF8.GetString(json).Should().Contain($"\"DefinitionsVersion\":\"{Outflow.Core.Metrics.BedDays.DefinitionsVersion}\"");
        (await anonymous.Http.GetByteArrayAsync($"/published/{id}.csv")).Should().Equal(await analyst.Http.GetByteArrayAsync($"/reports/snapshots/{id}.csv"));

        var withdrawn = await analyst.SubmitAsync(published, $"form[action='/reports/snapshots/{id}/withdraw']");
        withdrawn.Text.Should().Contain("ingetrokken");
        withdrawn.Document.QuerySelector("form[action$='/publish']").Should().BeNull("a withdrawn snapshot stays withdrawn; freeze a new one to publish again");

        var gone = await anonymous.GetAsync($"/published/{id}");
        gone.Status.Should().Be(HttpStatusCode.Gone);
        gone.Document.QuerySelector("#withdrawn")!.TextContent.Should().Be($"Deze momentopname is op {today:dd-MM-yyyy} ingetrokken en wordt niet meer gepubliceerd.");
        gone.Document.QuerySelector("table").Should().BeNull("a withdrawn snapshot shows no figures");
        var noRedirect = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var download in new[] { "json", "csv", "xlsx" })
        {
            var response = await noRedirect.GetAsync($"/published/{id}.{download}");
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a withdrawn snapshot's download leads to the page that says so");
            response.Headers.Location!.ToString().Should().Be($"/published/{id}");
        }

        // Publishing again changes nothing; both changes are in the audit trail, once each.
        (await Tampering.PostWithTokenAsync(analyst, $"/reports/snapshots/{id}/publish", [])).Text.Should().Contain("Dat kan niet meer");
        (await anonymous.GetAsync($"/published/{id}")).Status.Should().Be(HttpStatusCode.Gone);
        await using var connection = await factory.Db.OpenAsync();
        var actions = await connection.QueryAsync<string>(
            "SELECT Action FROM AuditEntries WHERE EntityType = 'ReportSnapshot' AND EntityId = @Id ORDER BY OccurredAt", new { Id = id.ToString("D") });
        actions.Should().Equal(PublishSnapshot.PublishedAction, PublishSnapshot.WithdrawnAction);
    }

    [Fact]
    public async Task Publishing_is_for_analysts_only()
    {
        await using var factory = new OutflowFactory();
        var analyst = await factory.SignedInAsync("analyst");
        var snapshot = await analyst.SubmitAsync(await analyst.GetAsync("/reports"), "form[action='/reports/snapshots']");
        var id = snapshot.Path["/reports/snapshots/".Length..];

        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        (await Tampering.PostWithTokenAsync(counsellor, $"/reports/snapshots/{id}/publish", [])).Status.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Client().GetAsync($"/published/{id}")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The route walk for the public surface: with a full case on file (every field that could
    /// locate her filled in) and a published snapshot of the report that counts her, an anonymous
    /// reader walks every GET route the app maps with the snapshot's id and the case's references in
    /// the URL. Nothing of the case shows anywhere; only the public snapshot's addresses (and the
    /// sign-in and error pages) answer without sign-in; the snapshot carries only aggregates.
    /// </summary>
    [Fact]
    public async Task A_route_walk_as_an_anonymous_reader_finds_no_personal_data_in_a_public_snapshot()
    {
        await using var factory = new SecurityFactory();
        var @case = await FullCase.CreateAsync(factory);
        var analyst = await factory.SignedInAsync("analyst");
        var snapshot = await analyst.SubmitAsync(await analyst.GetAsync("/reports?Cut=Shelter"), "form[action='/reports/snapshots']");
        var id = snapshot.Path["/reports/snapshots/".Length..];
        await analyst.SubmitAsync(snapshot, $"form[action='/reports/snapshots/{id}/publish']");

        var secrets = FullCase.PlainTexts.Append(@case.Resident).Append(@case.Request).ToList();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        routes.Should().Contain("/published/{id:guid}");

        var anonymous = factory.Client();
        var leaks = new List<string>();
        var open = new List<string>();
        foreach (var template in routes)
        {
            var url = ParameterPattern().Replace(template, m => m.Groups["name"].Value switch
            {
                "id" => id,
                "reference" => template.StartsWith("/residents", StringComparison.Ordinal) ? @case.Resident : @case.Request,
                "code" when template.StartsWith("/error", StringComparison.Ordinal) => "404",
                "code" => "GM0344",
                _ => id,
            });
            var response = await anonymous.Http.GetAsync(url);
            var body = response.Content.Headers.ContentType?.MediaType == Outflow.Web.Features.Reports.ReportXlsx.ContentType
                ? SheetTexts(await response.Content.ReadAsByteArrayAsync()) // zipped: read what a spreadsheet shows
                : await response.Content.ReadAsStringAsync();
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;

            // The sign-in page repeats the address asked for (its return URL): that is the caller's own text, not the case's.
            var shown = path == "/account/sign-in" ? body.Replace(Uri.EscapeDataString(url), "", StringComparison.Ordinal).Replace(url, "", StringComparison.Ordinal) : body;
            leaks.AddRange(secrets.Where(s => shown.Contains(s, StringComparison.Ordinal)).Select(s => $"GET {url} shows '{s}'"));
            if (response.IsSuccessStatusCode && path == url)
            {
                open.Add(template);
            }
        }

        leaks.Should().BeEmpty();
        open.Where(r => !r.StartsWith("/account/", StringComparison.Ordinal) && !r.StartsWith("/error", StringComparison.Ordinal) && r != "/")
            .Should().BeEquivalentTo(["/published/{id:guid}", "/published/{id:guid}.json", "/published/{id:guid}.csv", "/published/{id:guid}.xlsx"],
                "only a published snapshot is open to anyone");

        // The published content itself: aggregates only, no case reference of any shape.
        var json = await anonymous.Http.GetStringAsync($"/published/{id}.json");
        json.Should().Contain("\"Rows\":[").And.Contain("Demo Vrouwenopvang Utrecht", "cut by shelter organisation, the groups are organisations");
        CaseReference().IsMatch(json).Should().BeFalse("no resident or request reference is in a public snapshot");
        foreach (var field in new[] { "Initials", "BirthYear", "Reference", "Address", "DwellingReference", "SearchProfile" })
        {
            json.Should().NotContain($"\"{field}\"");
        }
    }

    private static string SheetTexts(byte[] xlsx)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return string.Join('\n', document.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet.InnerText));
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\b[RU]-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}\b")]
    private static partial Regex CaseReference();
}
