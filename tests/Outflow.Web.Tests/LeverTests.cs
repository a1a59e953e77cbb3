using System.Globalization;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using DocumentFormat.OpenXml.Packaging;
using Outflow.Core.Deadlines;
using Outflow.Web.Features.Reports;
using Outflow.Web.Infrastructure.Jobs;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>
/// Issue 15, the counsellor's levers: a notice of default (Awb 4:17) on the statutory track once
/// the decision term has passed, the penalty clock it starts and the decision that stops it; no Awb
/// wording on the corporation-rules track; every drafted letter edited (versioned, encrypted, on the
/// timeline) and downloaded as Word.
/// </summary>
public sealed class LeverTests
{
    private static string D(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static async Task<(OutflowClient Counsellor, OutflowClient Municipality, string Request, DateOnly Due)> OverdueStatutoryRequestAsync(OutflowFactory factory)
    {
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var municipality = await factory.SignedInAsync("responder.municipality.utrecht");
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-150)), addressedTo: "Demo Gemeente Utrecht");
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-100)));
        await ActAsync(municipality, request, "MarkReceived");
        await using var connection = await factory.Db.OpenAsync();
        var due = await connection.ExecuteScalarAsync<DateOnly>("SELECT DecisionDueDate FROM UrgencyRequests WHERE Reference = @request", new { request });
        due.Should().BeBefore(today.AddDays(-30));
        return (counsellor, municipality, request, due);
    }

    [Fact]
    public async Task An_overdue_decision_gets_a_notice_of_default_whose_penalty_clock_a_decision_stops()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var (counsellor, municipality, request, due) = await OverdueStatutoryRequestAsync(factory);

        var page = await counsellor.GetAsync($"/requests/{request}");
        page.Document.QuerySelector("section.levers")!.TextContent.Should().Contain($"De beslistermijn is op {D(due)} verstreken");
        var bodyView = (await municipality.GetAsync($"/requests/{request}")).Document;
        bodyView.QuerySelector("section.levers form").Should().BeNull("only the shelter sends the notice");
        bodyView.QuerySelector("#levers-title")!.TextContent.Should().Be("Ingebrekestelling en dwangsom", "the body is not asked what it can do when it is late itself");

        var notice = await counsellor.SubmitAsync(page, "form[action$='/notices']");
        notice.Path.Should().StartWith($"/requests/{request}/notices/");
        var letter = notice.Document.QuerySelector("pre.letter")!.TextContent;
        letter.Should().Contain($"urgentieaanvraag {request}").And.Contain(D(today.AddDays(-100))).And.Contain(D(due)).And.Contain("Demo Gemeente Utrecht");
        var again = await counsellor.SubmitAsync(page, "form[action$='/notices']"); // the same page posted twice
        again.Path.Should().Be(notice.Path, "a second click finds the notice already drafted");

        (await counsellor.SubmitAsync(notice, $"form[action='{notice.Path}']", Fields(("SentOn", ""), ("ReceivedOn", ""))))
            .Errors.Should().Equal("Vul de datum in waarop de ingebrekestelling is verstuurd.");
        var tooEarly = await counsellor.SubmitAsync(notice, $"form[action='{notice.Path}']", Fields(("SentOn", Iso(due)), ("ReceivedOn", "")));
        tooEarly.Status.Should().Be((HttpStatusCode)422);
        tooEarly.Errors.Should().ContainSingle().Which.Should().Contain(D(due));
        var backwards = await counsellor.SubmitAsync(notice, $"form[action='{notice.Path}']", Fields(("SentOn", Iso(today.AddDays(-30))), ("ReceivedOn", Iso(today.AddDays(-31)))));
        backwards.Errors.Should().ContainSingle();
        var future = await counsellor.SubmitAsync(notice, $"form[action='{notice.Path}']", Fields(("SentOn", Iso(today.AddDays(1))), ("ReceivedOn", "")));
        future.Errors.Should().ContainSingle();

        var recorded = await counsellor.SubmitAsync(notice, $"form[action='{notice.Path}']", Fields(("SentOn", Iso(today.AddDays(-30))), ("ReceivedOn", Iso(today.AddDays(-29)))));
        recorded.Path.Should().Be($"/requests/{request}");
        var running = PenaltyClock.Compute(due, today.AddDays(-30), today.AddDays(-29), null, today);
        running.DaysAccrued.Should().BeGreaterThan(0);
        var clock = recorded.Document.QuerySelector("section.levers .penalty")!.TextContent;
        clock.Should().Contain(D(running.FirstPenaltyDay!.Value))
            .And.Contain($"{running.DaysAccrued} dagen: € {running.AmountAccrued.ToString("N0", CultureInfo.GetCultureInfo("nl-NL"))}")
            .And.Contain(D(running.AppealPossibleFrom));

        StatusOn(await ActAsync(municipality, request, "Grant", date: Iso(today.AddDays(-3)), extra: Fields(("SearchProfile", "Utrecht"), ("ValidFor", "Alle corporaties"))))
            .Should().Be("Urgentie toegekend");
        (await municipality.GetAsync("/inbox")).Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(request)).TextContent
            .Should().NotContain("te laat", "a decided request is not late in the inbox");
        var stopped = PenaltyClock.Compute(due, today.AddDays(-30), today.AddDays(-29), today.AddDays(-3), today);
        var after = (await counsellor.GetAsync($"/requests/{request}")).Document.QuerySelector("section.levers .penalty")!.TextContent;
        after.Should().Contain("Gestopt: er is beslist.").And.Contain($"{stopped.DaysAccrued} dagen: € {stopped.AmountAccrued.ToString("N0", CultureInfo.GetCultureInfo("nl-NL"))}");
        stopped.DaysAccrued.Should().BeLessThan(running.DaysAccrued, "the penalty stops the day before the decision");
    }

    [Fact]
    public async Task The_report_counts_notices_of_default_their_penalty_and_objections_decided_late_per_deciding_organisation()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var (counsellor, municipality, request, due) = await OverdueStatutoryRequestAsync(factory);
        var notice = await counsellor.SubmitAsync(await counsellor.GetAsync($"/requests/{request}"), "form[action$='/notices']");
        await counsellor.SubmitAsync(notice, $"form[action='{notice.Path}']", Fields(("SentOn", Iso(due.AddDays(1))), ("ReceivedOn", Iso(due.AddDays(2)))));
        await ActAsync(municipality, request, "Grant", date: Iso(today.AddDays(-3)), extra: Fields(("SearchProfile", "Utrecht"), ("ValidFor", "Alle corporaties")));
        var penalty = PenaltyClock.Compute(due, due.AddDays(1), due.AddDays(2), today.AddDays(-3), today);
        penalty.DaysAccrued.Should().BeGreaterThan(14, "the example spans two penalty bands");

        // A second request to the same municipality whose decision on objection came after its term (Awb 7:10), and one in time.
        var late = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-150)), addressedTo: "Demo Gemeente Utrecht");
        var inTime = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-150)), addressedTo: "Demo Gemeente Utrecht");
        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE UrgencyRequests SET ObjectionFiledDate = @Filed, ObjectionDueDate = @Due, ObjectionDecidedDate = @Decided WHERE Reference = @Reference",
                new[]
                {
                    new { Reference = late, Filed = today.AddDays(-90), Due = today.AddDays(-20), Decided = today.AddDays(-10) },
                    new { Reference = inTime, Filed = today.AddDays(-90), Due = today.AddDays(-20), Decided = today.AddDays(-25) },
                });
        }

        var query = new ReportQuery { Period = "Custom", From = today.AddDays(-60), To = today.AddDays(-1), Cut = "Region" };
        var (raw, _) = await factory.Services.GetRequiredService<BlockageReport>().RawAsync(query, CancellationToken.None);

        raw.Levers.Should().ContainSingle().Which.Should().Be(new LeverRow(
            "Demo Gemeente Utrecht", 1, penalty.DaysAccrued, (long)penalty.AmountAccrued, 2, 1));
        raw.LeversTotal.Should().Be(new LeverRow("*", 1, penalty.DaysAccrued, (long)penalty.AmountAccrued, 2, 1));

        // Published: one notice and two objections describe fewer than five requests, so they carry the mark, in the page and the CSV.
        var analyst = await factory.SignedInAsync("analyst");
        var page = await analyst.GetAsync(ReportTests.Custom(today.AddDays(-60), today.AddDays(-1)));
        ReportTests.Row(page, "levers", "Demo Gemeente Utrecht").Should().Equal("x", "x", "x", "x", "x");
        var csv = await analyst.Http.GetStringAsync(ReportTests.Custom(today.AddDays(-60), today.AddDays(-1)).Replace("/reports?", "/reports/export.csv?", StringComparison.Ordinal));
        csv.Should().Contain("levers_by_deciding_organisation,Demo Gemeente Utrecht,penalty_euros,x");
    }

    [Fact]
    public async Task On_the_corporation_rules_track_no_awb_lever_or_wording_is_offered()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        await using (var connection = await factory.Db.OpenAsync())
        {
            // The corporations' own rules promise an answer within eight weeks: late, but no Awb decision.
            await connection.ExecuteAsync("UPDATE UrgencySchemeVersions SET DecisionTermWeeks = 8 WHERE MunicipalityCode = 'GM0193'");
        }

        var counsellor = await factory.SignedInAsync(ZwolleCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-150)), addressedTo: "Demo Woonstichting Zwolle", municipality: "GM0193");
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-100)));

        var page = await counsellor.GetAsync($"/requests/{request}");
        page.Document.QuerySelector("section.levers").Should().NotBeNull(page.Text);
        var levers = page.Document.QuerySelector("section.levers")!.TextContent;
        levers.Should().Contain("klachtencommissie van de corporatie").And.Contain("geen ingebrekestelling");
        page.Document.QuerySelector("form[action$='/notices']").Should().BeNull();

        var signals = await counsellor.GetAsync("/signals");
        signals.Text.Should().Contain("klachtenprocedure mogelijk (geen Awb-besluit)").And.NotContain("4:17");
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(CancellationToken.None);
        Directory.GetFiles(factory.MailFolder, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(request))
            .Should().NotBeEmpty().And.OnlyContain(m => !m.Contains("4:17") && !m.Contains("ingebrekestelling"));
    }

    [Fact]
    public async Task A_push_back_letter_is_edited_kept_encrypted_in_versions_and_downloaded_as_word()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-90), today.AddDays(-60)));
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-20)));
        var page = await counsellor.GetAsync($"/requests/{request}");
        await counsellor.SubmitAsync(page, "form[action$='/requirements']", Fields(
            ("RequirementForm.TypeCode", "LocalTies"), ("RequirementForm.Wording", "Zes jaar binding geëist"), ("RequirementForm.ImposedOn", Iso(today.AddDays(-3)))));
        var letter = await counsellor.SubmitAsync(await counsellor.GetAsync($"/requests/{request}"), "form[action$='/letter']");
        letter.Text.Should().Contain("Versie 1");
        var drafted = letter.Document.QuerySelector("textarea[name=Body]")!.TextContent;

        var edited = drafted.Replace("\r", "") + "\n\nMet dank voor uw snelle reactie op onze afspraak van dinsdag.";
        var saved = await counsellor.SubmitAsync(letter, "form[action$='/edit']", Fields(("Body", edited)));
        saved.Text.Should().Contain("De bewerkte brief is opgeslagen.").And.Contain("Versie 2").And.Contain("onze afspraak van dinsdag");

        var unchanged = await counsellor.SubmitAsync(saved, "form[action$='/edit']", Fields(("Body", edited)));
        unchanged.Errors.Should().Equal("De tekst is niet gewijzigd; er is geen nieuwe versie opgeslagen.");
        unchanged.Document.QuerySelector("details.edit-letter")!.HasAttribute("open").Should().BeTrue("the form with the error stays open");
        var stale = await counsellor.SubmitAsync(letter, "form[action$='/edit']", Fields(("Body", drafted + "\n\nTweede poging")));
        stale.Status.Should().Be(HttpStatusCode.Conflict, "the form was opened on version 1 and version 2 exists");
        stale.Errors.Should().ContainSingle().Which.Should().Contain("Iemand anders heeft deze brief bewerkt");
        stale.Document.QuerySelector("textarea[name=Body]")!.TextContent.Should().Contain("Tweede poging", "her text is kept");
        var empty = await counsellor.SubmitAsync(saved, "form[action$='/edit']", Fields(("Body", "  ")));
        empty.Status.Should().Be((HttpStatusCode)422);
        empty.Errors.Should().Equal("Vul de tekst van de brief in.");

        var word = await counsellor.Http.GetAsync(saved.Path + ".docx");
        word.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        ReadWord(await word.Content.ReadAsByteArrayAsync()).Should().Contain("onze afspraak van dinsdag").And.Contain(request);
        (await counsellor.Http.GetStringAsync(saved.Path + ".txt")).Should().Contain("onze afspraak van dinsdag");

        var timeline = (await counsellor.GetAsync($"/requests/{request}")).Document.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent);
        timeline.Should().EndWith(["Brief opgesteld", "Brief bewerkt"]);
        await using var connection = await factory.Db.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT BodyProtected FROM LetterVersions")).ToList();
        stored.Should().ContainSingle().Which.Should().Match(v => FieldProtector.LooksProtected(v)).And.NotContain("dinsdag");
        var other = await factory.SignedInAsync(ZwolleCounsellor);
        (await other.Http.GetAsync(saved.Path + ".docx")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another organisation never gets the letter");
    }

    [Fact]
    public async Task A_notice_of_default_is_edited_and_downloaded_as_word()
    {
        await using var factory = new OutflowFactory();
        var (counsellor, _, request, _) = await OverdueStatutoryRequestAsync(factory);
        var notice = await counsellor.SubmitAsync(await counsellor.GetAsync($"/requests/{request}"), "form[action$='/notices']");
        var text = notice.Document.QuerySelector("textarea[name=Body]")!.TextContent.Replace("\r", "");

        var saved = await counsellor.SubmitAsync(notice, "form[action$='/letter']", Fields(("Body", text + "\n\nBijlage: ontvangstbevestiging van uw gemeente.")));

        saved.Path.Should().Be(notice.Path);
        saved.Document.QuerySelector("pre.letter")!.TextContent.Should().Contain("Bijlage: ontvangstbevestiging");
        var word = await counsellor.Http.GetByteArrayAsync(notice.Path + "/letter.docx");
        ReadWord(word).Should().Contain("Bijlage: ontvangstbevestiging").And.Contain("ingebrekestelling");
        (await counsellor.GetAsync($"/requests/{request}")).Document.QuerySelectorAll(".timeline li strong").Select(s => s.TextContent)
            .Should().EndWith(["Ingebrekestelling opgesteld", "Brief bewerkt"]);
    }

    private static string ReadWord(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }
}
