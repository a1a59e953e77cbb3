using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Configuration;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 20: the Huisvestingswet as amended on 1 July 2026. Requests filed on 30 June and on
/// 1 July 2026 are judged and cited by their own text; the grounds follow the filing date; the
/// letter cites the version that applies; the one-time re-assessment puts old verdicts right.
/// </summary>
public sealed class Law2026Tests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private static readonly DateOnly LastOldDay = new(2026, 6, 30);
    private static readonly DateOnly FirstNewDay = new(2026, 7, 1);

    internal static async Task<string> FiledOnAsync(OutflowClient counsellor, DateOnly filed)
    {
        var resident = await RegisterResidentAsync(counsellor, new DateOnly(2026, 5, 1));
        var request = await CreateDraftAsync(counsellor, resident, addressedTo: "Demo Gemeente Utrecht");
        var page = await ActAsync(counsellor, request, "File", date: Iso(filed));
        page.Errors.Should().BeEmpty();
        return request;
    }

    internal static async Task<Page> RecordAsync(OutflowClient client, string request, string type, string wording)
    {
        var page = await client.GetAsync($"/requests/{request}");
        return await client.SubmitAsync(page, "form[action$='/requirements']", Fields(
            ("RequirementForm.TypeCode", type), ("RequirementForm.Wording", wording), ("RequirementForm.ImposedOn", Iso(new DateOnly(2026, 7, 20)))));
    }

    private async Task<(string Verdict, string ReasonKey, string[] Codes, string? Regime, string Ground)> StoredAsync(string request, string type)
    {
        await using var connection = await factory.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Verdict, string ReasonKey, string CitationsJson, string? Regime, string Ground)>("""
            SELECT rq.Verdict, rq.ReasonKey, rq.CitationsJson, rq.Regime, q.UrgencyGroundCode AS Ground
            FROM Requirements rq JOIN UrgencyRequests q ON q.Id = rq.RequestId WHERE q.Reference = @request AND rq.TypeCode = @type
            """, new { request, type });
        var codes = JsonDocument.Parse(row.CitationsJson).RootElement.EnumerateArray().Select(c => c.GetProperty("Code").GetString()!).ToArray();
        return (row.Verdict, row.ReasonKey, codes, row.Regime, row.Ground);
    }

    [Fact]
    public async Task Requests_filed_on_30_June_and_on_1_July_2026_get_their_own_ground_verdicts_and_citations()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var june = await FiledOnAsync(counsellor, LastOldDay);
        var july = await FiledOnAsync(counsellor, FirstNewDay);

        foreach (var request in new[] { june, july })
        {
            await RecordAsync(counsellor, request, "RegionalTies", "Zes jaar gewoond in de regio.");
            await RecordAsync(counsellor, request, "LocalTies", "Zes jaar ingeschreven in de gemeente Utrecht.");
        }

        var juneRegional = await StoredAsync(june, "RegionalTies");
        juneRegional.Should().Be(("Improper", "Verdict.RegionalTies.Statutory2017", juneRegional.Codes, "2017-07-01", "ShelterStay"));
        juneRegional.Codes.Should().Equal("HVW_12_3", "HVW_16@2024", "WMO_1_2_1_C", "VALENTE_2015");
        var julyRegional = await StoredAsync(july, "RegionalTies");
        julyRegional.Should().Be(("Questionable", "Verdict.RegionalTies.2026", julyRegional.Codes, "2026-07-01", "ShelterLeavingD"));
        julyRegional.Codes.Should().Equal("HVW_12_3_D", "HVW_14_6", "HVW_16@2026");

        (await StoredAsync(june, "LocalTies")).Verdict.Should().Be("Improper");
        var julyLocal = await StoredAsync(july, "LocalTies");
        julyLocal.Verdict.Should().Be("Improper", "a tie to the municipality stays improper after 1 July 2026");
        julyLocal.Codes.Should().Contain("HVW_14_6");

        var junePage = await counsellor.GetAsync($"/requests/{june}");
        junePage.Document.QuerySelector("dl.facts")!.TextContent.Should().Contain("art. 12 lid 3 (tekst geldig vanaf 01-07-2017)");
        junePage.Document.QuerySelectorAll("section.requirement .regime").Select(p => p.TextContent).Should().AllBe("Beoordeeld naar de Huisvestingswet zoals geldig vanaf 01-07-2017.");
        junePage.Document.QuerySelectorAll("section.requirement .open-note").Should().BeEmpty();
        var julyPage = await counsellor.GetAsync($"/requests/{july}");
        julyPage.Document.QuerySelector("dl.facts")!.TextContent.Should().Contain("art. 12 lid 3 onderdeel d (tekst geldig vanaf 01-07-2026)");
        var regional = julyPage.Document.QuerySelectorAll("section.requirement").Single(s => s.TextContent.Contains("Zes jaar gewoond in de regio."));
        regional.QuerySelector(".verdict")!.TextContent.Should().Be("Twijfelachtig");
        regional.QuerySelectorAll(".open-note").Select(n => n.TextContent).Should().Contain(n => n.Contains("ministeriële regeling die nog niet is gevonden"))
            .And.Contain(n => n.Contains("woningmarktregio van deze gemeente is nog niet vastgelegd"));
        regional.TextContent.Should().Contain("art. 14 lid 6").And.Contain("tekst geldig vanaf 01-07-2026");
    }

    [Fact]
    public async Task The_letter_cites_the_version_that_applies_on_the_filing_date()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var june = await FiledOnAsync(counsellor, LastOldDay);
        var july = await FiledOnAsync(counsellor, FirstNewDay);
        var letters = new Dictionary<string, string>();
        foreach (var request in new[] { june, july })
        {
            var page = await RecordAsync(counsellor, request, "LocalTies", "Eerst zes jaar in Utrecht wonen.");
            var letter = await counsellor.SubmitAsync(page, "form[action$='/letter']");
            letters[request] = await counsellor.Http.GetStringAsync(letter.Path + ".txt");
        }

        letters[june].Should().Contain("Huisvestingswet 2014, art. 12 lid 3 (tekst geldig vanaf 01-07-2017)")
            .And.Contain("art. 15 lid 2 jo. art. 16 (tekst geldig vanaf 01-01-2024)")
            .And.NotContain("01-07-2026");
        letters[july].Should().Contain("Huisvestingswet 2014, art. 12 lid 3 onderdeel d (tekst geldig vanaf 01-07-2026)")
            .And.Contain("art. 14 lid 6 (tekst geldig vanaf 01-07-2026)")
            .And.NotContain("01-07-2017");
    }

    [Fact]
    public async Task The_new_request_form_offers_the_grounds_in_force_and_filing_moves_the_ground_to_the_text_of_the_filing_date()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, new DateOnly(2026, 5, 1));
        var form = await counsellor.GetAsync($"/residents/{resident}/requests/new?MunicipalityCode=GM0344");
        var offered = form.Document.QuerySelectorAll("select[name=UrgencyGroundCode] option").Select(o => o.GetAttribute("value")).ToList();

        offered.Should().Contain(["ShelterLeavingD", "InformalCareA", "HomelessFamilyJ", "MunicipalCategory"]).And.NotContain(["ShelterStay", "InformalCare"]);
        offered.Should().HaveCount(11, "the ten categories of art. 12 lid 3 and the municipality's own");
        offered[0].Should().Be("ShelterLeavingD");

        // A draft made today but filed with a date before 1 July 2026 carries the old shelter ground.
        var june = await FiledOnAsync(counsellor, LastOldDay);
        var july = await FiledOnAsync(counsellor, FirstNewDay);
        await using var connection = await factory.Db.OpenAsync();
        (await connection.ExecuteScalarAsync<string>("SELECT UrgencyGroundCode FROM UrgencyRequests WHERE Reference = @june", new { june })).Should().Be("ShelterStay");
        (await connection.ExecuteScalarAsync<string>("SELECT UrgencyGroundCode FROM UrgencyRequests WHERE Reference = @july", new { july })).Should().Be("ShelterLeavingD");

        // A ground that exists only in the new text cannot be filed before 1 July 2026.
        var medical = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, new DateOnly(2026, 5, 1)), addressedTo: "Demo Gemeente Utrecht");
        await connection.ExecuteAsync("UPDATE UrgencyRequests SET UrgencyGroundCode = 'MedicalB' WHERE Reference = @medical", new { medical });
        var refused = await ActAsync(counsellor, medical, "File", date: Iso(LastOldDay));
        refused.Errors.Should().Contain(e => e.StartsWith("Deze urgentiegrond gold niet op de indieningsdatum.", StringComparison.Ordinal));
        (await connection.ExecuteScalarAsync<string>("SELECT Status FROM UrgencyRequests WHERE Reference = @medical", new { medical })).Should().Be("Draft");
    }
}

/// <summary>The one-time re-assessment (issue 20), each test in a database of its own.</summary>
public sealed class Reassessment2026Tests
{
    /// <summary>What a verdict looked like when stored before issue 20: judged and cited by the 2017 text, no regime.</summary>
    private const string OldPoliceCitations = """[{"Code":"HVW_12_3","Law":"Huisvestingswet 2014","Article":"art. 12 lid 3","VersionDate":"2017-07-01","Url":null,"Certainty":"checked"}]""";

    [Fact]
    public async Task Verdicts_stored_under_the_old_text_are_put_right_once_with_history_signal_audit_and_report()
    {
        await using var factory = new OutflowFactory();
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var august = await Law2026Tests.FiledOnAsync(counsellor, new DateOnly(2026, 8, 3));
        var june = await Law2026Tests.FiledOnAsync(counsellor, new DateOnly(2026, 6, 30));
        await Law2026Tests.RecordAsync(counsellor, august, "PoliceReport", "Eerst aangifte doen.");
        await Law2026Tests.RecordAsync(counsellor, august, "LocalTies", "Zes jaar in Utrecht.");
        await Law2026Tests.RecordAsync(counsellor, june, "PoliceReport", "Eerst aangifte doen.");
        await using var connection = await factory.Db.OpenAsync();

        // Put the August request back as it was stored before the rules knew the 2026 text.
        await connection.ExecuteAsync("UPDATE UrgencyRequests SET UrgencyGroundCode = 'ShelterStay' WHERE Reference = @august", new { august });
        await connection.ExecuteAsync("""
            UPDATE Requirements SET Verdict = 'Improper', ReasonKey = 'Verdict.Police.Statutory', CitationsJson = @OldPoliceCitations, RuleVersion = '2026-11-23.1', Regime = NULL, OpenNotes = NULL
            WHERE TypeCode = 'PoliceReport' AND RequestId = (SELECT Id FROM UrgencyRequests WHERE Reference = @august)
            """, new { august, OldPoliceCitations });
        await connection.ExecuteAsync("""
            UPDATE Requirements SET ReasonKey = 'Verdict.Ties.Statutory', RuleVersion = '2026-11-23.1', Regime = NULL
            WHERE TypeCode = 'LocalTies' AND RequestId = (SELECT Id FROM UrgencyRequests WHERE Reference = @august)
            """, new { august });
        await connection.ExecuteAsync("UPDATE Requirements SET Regime = NULL WHERE RequestId = (SELECT Id FROM UrgencyRequests WHERE Reference = @june)", new { june });
        var responder = await factory.SignedInAsync("responder.municipality.utrecht");
        async Task<string> InboxRowAsync() => (await responder.GetAsync("/inbox")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(august)).TextContent;
        (await InboxRowAsync()).Should().Contain("2 niet-toegestane eisen", "before the run the old verdicts count");

        var admin = await factory.SignedInAsync("admin");
        var page = await admin.GetAsync("/admin/requirements/reassessment");
        page.Text.Should().Contain("Eisen die nog naar de oude tekst zijn beoordeeld: 2").And.Contain("De herbeoordeling is nog niet uitgevoerd.");
        var first = await admin.SubmitAsync(page, "form[action$='/reassessment']");

        first.Text.Should().Contain("Urgentiegronden aangepast: 1. Eisen opnieuw beoordeeld: 2. Oordelen gewijzigd: 1.");
        var stored = (await connection.QueryAsync<(string TypeCode, string Verdict, string ReasonKey, string? Regime, string CitationsJson, string RuleVersion)>("""
            SELECT rq.TypeCode, rq.Verdict, rq.ReasonKey, rq.Regime, rq.CitationsJson, rq.RuleVersion FROM Requirements rq JOIN UrgencyRequests q ON q.Id = rq.RequestId
            WHERE q.Reference = @august ORDER BY rq.TypeCode
            """, new { august })).ToList();
        stored.Select(r => (r.TypeCode, r.Verdict, r.ReasonKey, r.Regime)).Should().Equal(
            ("LocalTies", "Improper", "Verdict.Ties.Statutory2026", "2026-07-01"),
            ("PoliceReport", "Questionable", "Verdict.Police.Statutory2026", "2026-07-01"));
        stored.Should().OnlyContain(r => r.CitationsJson.Contains("HVW_12_3_D") && r.RuleVersion == Outflow.Core.Requirements.RequirementRules.Version);
        (await connection.ExecuteScalarAsync<string>("SELECT UrgencyGroundCode FROM UrgencyRequests WHERE Reference = @august", new { august })).Should().Be("ShelterLeavingD");
        (await connection.ExecuteScalarAsync<string?>("SELECT Regime FROM Requirements rq JOIN UrgencyRequests q ON q.Id = rq.RequestId WHERE q.Reference = @june", new { june }))
            .Should().BeNull("a request filed before 1 July 2026 keeps its verdict under the old text");

        // History: the old verdict stays, the new one supersedes it.
        (await connection.QueryAsync<(string Occasion, string Verdict)>("""
            SELECT a.Occasion, a.Verdict FROM RequirementAssessments a JOIN Requirements rq ON rq.Id = a.RequirementId JOIN UrgencyRequests q ON q.Id = rq.RequestId
            WHERE q.Reference = @august AND rq.TypeCode = 'PoliceReport' ORDER BY a.AssessedAt, a.Occasion DESC
            """, new { august })).Should().Equal(("Recorded", "Questionable"), ("Reassessed2026", "Questionable"));
        // The signal where the verdict changed, to the shelter, with its e-mail in the outbox.
        var signals = await counsellor.GetAsync("/signals");
        signals.Text.Should().Contain("Het oordeel over een eis is gewijzigd door de Huisvestingswet van 1 juli 2026");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Signals WHERE Kind = 'VerdictChanged'")).Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM OutboxMessages o JOIN Signals s ON s.Id = o.SignalId WHERE s.Kind = 'VerdictChanged'")).Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE Action LIKE 'RequirementReassessed:%'")).Should().Be(2);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries WHERE Action = 'UrgencyGroundRedesignated:ShelterStay>ShelterLeavingD'")).Should().Be(1);
        (await InboxRowAsync()).Should().Contain("1 niet-toegestane eis", "the lists and the report read the superseding verdict");

        // Running it again changes nothing.
        var assessments = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM RequirementAssessments");
        var second = await admin.SubmitAsync(await admin.GetAsync("/admin/requirements/reassessment"), "form[action$='/reassessment']");
        second.Text.Should().Contain("Urgentiegronden aangepast: 0. Eisen opnieuw beoordeeld: 0. Oordelen gewijzigd: 0.")
            .And.Contain("Eisen die nog naar de oude tekst zijn beoordeeld: 0");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM RequirementAssessments")).Should().Be(assessments);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Signals WHERE Kind = 'VerdictChanged'")).Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReassessmentRuns")).Should().Be(2, "every run is recorded");
        second.Document.QuerySelectorAll("tbody tr").Should().HaveCount(2);
        (await counsellor.GetAsync("/admin/requirements/reassessment")).Status.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }
}

/// <summary>The settings where the law leaves a date or a reading open (issue 20), each in an app of its own.</summary>
public sealed class LawSettingsTests
{
    private sealed class ConfiguredFactory(params (string Key, string Value)[] extra) : OutflowFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                foreach (var (key, value) in extra)
                {
                    settings[key] = value;
                }

                return settings;
            }
        }
    }

    [Fact]
    public async Task No_urgency_scheme_is_a_finding_on_the_municipality_page_only_once_the_royal_decree_date_is_set()
    {
        await using (var unset = new OutflowFactory())
        {
            var page = await (await unset.SignedInAsync(UtrechtCounsellor)).GetAsync("/municipalities/GM0193");
            page.Document.QuerySelector(".no-scheme-finding").Should().BeNull();
            // Issue 18: the scheme's own recorded ties condition ("twee jaar ingeschreven") is read and flagged, questionable under corporation rules.
            page.Document.QuerySelector(".scheme-flag")!.TextContent.Should().Contain("Twijfelachtig").And.Contain("2 jaar ingeschreven");
            page.Document.QuerySelector(".open-note")!.TextContent.Should().Contain("nog niet bekend");
        }

        await using var set = new ConfiguredFactory(("Rules:SchemeDutyFrom", "2026-10-01"));
        var counsellor = await set.SignedInAsync(UtrechtCounsellor);
        (await counsellor.GetAsync("/municipalities/GM0193")).Document.QuerySelector(".no-scheme-finding")!.TextContent
            .Should().Contain("geen wettelijke urgentieregeling").And.Contain("01-10-2026");
        (await counsellor.GetAsync("/municipalities/GM0344")).Document.QuerySelector(".no-scheme-finding").Should().BeNull("Utrecht has a statutory scheme");
    }

    [Fact]
    public async Task The_regional_tie_switch_changes_the_verdict_and_is_recorded_in_the_rule_version()
    {
        await using var factory = new ConfiguredFactory(("Rules:RegionalTiesFrom2026", "Improper"));
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await Law2026Tests.FiledOnAsync(counsellor, new DateOnly(2026, 7, 1));

        await Law2026Tests.RecordAsync(counsellor, request, "RegionalTies", "Binding met de regio Utrecht.");

        await using var connection = await factory.Db.OpenAsync();
        (await connection.QuerySingleAsync<(string Verdict, string ReasonKey, string RuleVersion)>("SELECT Verdict, ReasonKey, RuleVersion FROM Requirements"))
            .Should().Be(("Improper", "Verdict.RegionalTies.2026Tightened", Outflow.Core.Requirements.RequirementRules.Version + "+regional-ties=Improper"));
    }

    [Fact]
    public void A_bad_setting_stops_the_start_with_a_clear_message()
    {
        static IConfiguration Config(string key, string value) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        FluentActions.Invoking(() => Outflow.Web.Features.Requirements.RequirementVerdicts.SettingsFrom(Config("Rules:RegionalTiesFrom2026", "NeedsReview")))
            .Should().Throw<InvalidOperationException>().WithMessage("*Improper, Questionable or Permitted*");
        FluentActions.Invoking(() => Outflow.Web.Features.Requirements.RequirementVerdicts.SettingsFrom(Config("Rules:SchemeDutyFrom", "1-1-2027")))
            .Should().Throw<InvalidOperationException>().WithMessage("*yyyy-MM-dd*");
        Outflow.Web.Features.Requirements.RequirementVerdicts.SettingsFrom(Config("Rules:SchemeDutyFrom", "2027-01-01")).SchemeDutyFrom.Should().Be(new DateOnly(2027, 1, 1));
    }
}
