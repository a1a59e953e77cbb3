using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class ReportTests
{
    /// <summary>The cells of one group's row (or "Totaal") in the table with this id.</summary>
    internal static string[] Row(Page page, string table, string group) =>
        page.Document.QuerySelectorAll($"table#{table} tbody tr, table#{table} tfoot tr")
            .Single(r => r.QuerySelector("th")!.TextContent == group).QuerySelectorAll("td").Select(td => td.TextContent).ToArray();

    internal static string Custom(DateOnly from, DateOnly to, string cut = "Region") => $"/reports?Period=Custom&From={Iso(from)}&To={Iso(to)}&Cut={cut}";

    /// <summary>
    /// The month chart's figures in the CSV, checked against Core's bed-day rule and suppression for
    /// the given stays (ready, outflow); returns the bed-days summed over the chart's months.
    /// </summary>
    private static int MonthsShouldMatch(string csv, IReadOnlyList<(DateOnly Ready, DateOnly? Outflow)> stays, DateOnly today)
    {
        var lines = csv.Split('\n').Where(l => l.Contains(",blocked_bed_days_per_month,TOTAL,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        lines.Should().NotBeEmpty(); // the period's months only (definitions v3)
        var months = lines.Select(l => DateOnly.ParseExact(l[8] + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var days = months.Select(m => stays.Select(s => Outflow.Core.Metrics.BedDays.InPeriod(s.Ready, s.Outflow, m, m.AddMonths(1).AddDays(-1), today)).ToList()).ToList();
        // Published months carry Core's figure; a month of fewer than five residents is hidden (others may be, to protect it).
        lines.Select(l => l[9]).Should().Equal(days.Select((d, i) => d.Count(x => x > 0) is > 0 and < 5 || lines[i][9] == "x" ? "x" : d.Sum().ToString()));
        return days.Sum(d => d.Sum());
    }

    /// <summary>The per-group month figures in the CSV against Core's rule and table suppression (groups × months).</summary>
    private static void GroupMonthsShouldMatch(string csv, IReadOnlyDictionary<string, List<(DateOnly Ready, DateOnly? Outflow)>> groups, DateOnly today)
    {
        var lines = csv.Split('\n').Select(l => l.Split(',')).Where(l => l.Length == 10 && l[6] == "blocked_bed_days_per_month").ToList();
        var months = lines.Where(l => l[7] == "TOTAL").Select(l => DateOnly.ParseExact(l[8] + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var names = groups.Keys.ToList();
        var days = names.Select(n => months.Select(m => groups[n].Select(s => Outflow.Core.Metrics.BedDays.InPeriod(s.Ready, s.Outflow, m, m.AddMonths(1).AddDays(-1), today)).ToList()).ToList()).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            var published = lines.Where(l => l[7] == names[i]).Select(l => l[9]).ToList();
            published.Should().Equal(days[i].Select((d, j) => d.Count(x => x > 0) is > 0 and < 5 || published[j] == "x" ? "x" : d.Sum().ToString()), names[i]);
        }
    }

    [Fact]
    public async Task Blocked_bed_days_are_summed_per_region_in_sql_and_small_cells_are_suppressed()
    {
        await using var factory = new ConfiguredFactory(("Reports:DurationMinimum", "5")); // the walk has six residents; published durations need ten by default
        var today = factory.Today;
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        var expected = 0;
        for (var i = 0; i < 6; i++)
        {
            // Ready 10..15 days ago, still waiting: 10..15 blocked days each up to yesterday, the period's last day.
            await RegisterResidentAsync(utrecht, today.AddDays(-30), today.AddDays(-10 - i));
            expected += 10 + i;
        }

        await RegisterResidentAsync(utrecht, today.AddDays(-5)); // not ready: no blocked days
        var admin = await factory.SignedInAsync("admin");
        var organisations = await admin.GetAsync("/admin/organisations");
        var shelter = await admin.GetAsync(organisations.Document.QuerySelectorAll("a").Single(a => a.TextContent == "Demo Vrouwenopvang Utrecht").GetAttribute("href")!);
        await admin.SubmitAsync(shelter, "form[action$='/places']", Fields(
            ("CapacityForm.Name", "Hoofdlocatie"), ("CapacityForm.MunicipalityCode", "GM0344"), ("CapacityForm.Places", "12"), ("CapacityForm.EffectiveFrom", "2020-01-01")));
        var analyst = await factory.SignedInAsync("analyst");
        var url = Custom(today.AddDays(-40), today.AddDays(-1)) + "&Zeros=show";

        var page = await analyst.GetAsync(url);
        var byDefault = await analyst.GetAsync(Custom(today.AddDays(-40), today.AddDays(-1)));

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Document.QuerySelectorAll("table#blockage tbody tr").Should().HaveCount(25, "every Veilig Thuis region is listed when asked");
        byDefault.Document.QuerySelectorAll("table#blockage tbody tr th").Select(th => th.TextContent).Should().Equal(["Utrecht"], "groups without figures are hidden by default");
        byDefault.Document.QuerySelector("#zero-rows")!.TextContent.Should().Contain("24 groepen zonder cijfers zijn verborgen.");
        byDefault.Document.QuerySelector("#zero-rows a")!.GetAttribute("href").Should().EndWith("&Zeros=show");
        // 75 bed-days over 40 days: 1.9 places taken by delay.
        Row(page, "blockage", "Utrecht")[..5].Should().Equal("6", expected.ToString(), "1,9", "6", "12");
        Row(page, "blockage", "Utrecht")[5].Should().NotBe("–", "the Istanbul norm from CBS population");
        Row(page, "blockage", "IJsselland").Should().StartWith(["0", "0", "0,0", "0", "0"]);
        // Still waiting on the period's last day (yesterday): 9..14 days; nearest rank of n = 6: median rank 3 → 11, p75 rank 5 → 13, p90 rank 6 → 14.
        Row(page, "waiting", "Utrecht")[4..].Should().Equal("6", "11", "13", "14");
        Row(page, "waiting", "Totaal")[4..].Should().Equal("6", "11", "13", "14");
        Row(page, "bands", "31–90 dagen").Should().Equal("0", "0");
        Row(page, "bands", "0–30 dagen").Should().Equal("0", "6");
        page.Text.Should().Contain("Bron: CBS");
        var chart = page.Document.QuerySelector("figure.chart svg[role=img][aria-labelledby^=bed-days]")!;
        chart.QuerySelector("title")!.TextContent.Should().StartWith("Geblokkeerde beddagen per regio");
        chart.QuerySelectorAll("rect").Should().ContainSingle("only Utrecht has residents with blocked days");
        var line = page.Document.QuerySelector("svg[aria-labelledby^=months-chart]")!;
        line.QuerySelector("title")!.TextContent.Should().StartWith("Geblokkeerde beddagen per maand");
        page.Document.QuerySelectorAll("table#months-table tbody tr").Should().HaveCount(
            (today.AddDays(-1).Year * 12) + today.AddDays(-1).Month - ((today.AddDays(-40).Year * 12) + today.AddDays(-40).Month) + 1, "the period's months only");

        var json = await analyst.Http.GetStringAsync(url.Replace("/reports?", "/reports/export.json?"));
        json.Should().Contain($"\"DefinitionsVersion\":\"{Outflow.Core.Metrics.BedDays.DefinitionsVersion}\"").And.Contain("\"Utrecht\"");
        var csv = await analyst.Http.GetStringAsync(url.Replace("/reports?", "/reports/export.csv?"));
        csv.Should().Contain($",region,veilig_thuis_regio,,blockage,Utrecht,blocked_bed_days,{expected}\n").And.Contain(",blockage,TOTAL,residents_with_blocked_days,6\n");
        csv.Split('\n')[1].Should().StartWith($"{Outflow.Core.Metrics.BedDays.DefinitionsVersion},{Iso(today.AddDays(-40))},{Iso(today.AddDays(-1))},region,");

        MonthsShouldMatch(csv, Enumerable.Range(0, 6).Select(i => (today.AddDays(-10 - i), (DateOnly?)null)).ToList(), today).Should().Be(expected);

        // One resident in another region: suppressed, and Utrecht with it, or the one could be read from the total.
        await RegisterResidentAsync(zwolle, today.AddDays(-30), today.AddDays(-7));
        page = await factory.CurrentReportAsync(analyst, url);
        Row(page, "blockage", "IJsselland")[..3].Should().Equal("x", "x", "–");
        Row(page, "blockage", "Utrecht")[..2].Should().Equal("x", "x");
        Row(page, "blockage", "Totaal")[0].Should().Be("7", "the total stays published: it does not reveal either small cell");
    }

    [Fact]
    public async Task Periods_cuts_and_the_region_filter_shape_the_report_and_bad_input_gets_a_message()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 5; i++)
        {
            await RegisterResidentAsync(utrecht, today.AddDays(-30), today.AddDays(-20));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var byShelter = await analyst.GetAsync(Custom(today.AddDays(-25), today.AddDays(-16), "Shelter"));
        Row(byShelter, "blockage", "Demo Vrouwenopvang Utrecht")[..2].Should().Equal("5", "25"); // five residents, days -20..-16 each
        byShelter.Document.QuerySelectorAll("table#blockage tbody tr").Should().ContainSingle();

        var byMunicipality = await analyst.GetAsync(Custom(today.AddDays(-25), today.AddDays(-16), "Municipality") + "&Region=" + Uri.EscapeDataString(
            (await analyst.GetAsync("/reports")).Document.QuerySelectorAll("#region option").Single(o => o.TextContent == "Utrecht").GetAttribute("value")!));
        Row(byMunicipality, "blockage", "Utrecht")[..2].Should().Equal("5", "25");
        byMunicipality.Text.Should().Contain("gebied: Utrecht");

        var month = await analyst.GetAsync($"/reports?Period=Month&Year={today.Year}&Month={today.Month}");
        month.Document.QuerySelector("article.report h2")!.TextContent.Should().Contain(today.Year.ToString());
        var quarter = await analyst.GetAsync($"/reports?Period=Quarter&Year={today.Year}&Quarter={((today.Month - 1) / 3) + 1}");
        quarter.Document.QuerySelector("article.report h2")!.TextContent.Should().Contain("kwartaal");

        foreach (var (url, message) in new[]
                 {
                     ("/reports?Period=Custom&From=2026-02-01&To=2026-01-01", "'Tot en met' ligt vóór 'Van'."),
                     ("/reports?Period=Custom&From=2026-02-01", "Vul voor een eigen periode zowel 'Van' als 'Tot en met' in."),
                     ("/reports?Year=abc", "Het jaar is geen geldig getal."),
                     ("/reports?From=31-02-2026&Period=Custom&To=2026-03-01", "'Van' is geen geldige datum."),
                     ("/reports?Period=Quarter&Quarter=7", "Kies kwartaal 1, 2, 3 of 4."),
                     ("/reports?Region=XX99", "Deze regio hoort niet bij de gekozen regio-indeling; kies de regio opnieuw."),
                     ("/reports?Cut=Street", "Kies een periode en een uitsplitsing uit de lijst."),
                     ("/reports?Period=7", "Kies een periode en een uitsplitsing uit de lijst."),
                 })
        {
            var bad = await analyst.GetAsync(url);
            bad.Status.Should().Be(HttpStatusCode.BadRequest, url);
            bad.Document.QuerySelector(".error-summary")!.TextContent.Should().Contain(message, url);
            bad.Document.QuerySelector("article.report").Should().BeNull(url);
        }

        (await analyst.Http.GetAsync("/reports/export.csv?Period=Custom&From=2026-02-01&To=2026-01-01")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lead_times_deadlines_and_waiting_times_follow_the_hand_worked_walk()
    {
        await using var factory = new ConfiguredFactory(("Reports:DurationMinimum", "5")); // the walk has five per step; published durations need ten by default
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var municipality = await factory.SignedInAsync("responder.municipality.utrecht");
        var corporation = await factory.SignedInAsync(UtrechtCorporation);
        for (var i = 0; i < 5; i++)
        {
            // Ready -100-i, filed -90, received -90, granted -20-i, offered and accepted today, moved today.
            var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-110), today.AddDays(-100 - i)), addressedTo: "Demo Gemeente Utrecht");
            await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-90)));
            await ActAsync(municipality, request, "MarkReceived", date: Iso(today.AddDays(-90)));
            StatusOn(await ActAsync(municipality, request, "Grant", date: Iso(today.AddDays(-20 - i)))).Should().Be("Urgentie toegekend");
            await ActAsync(municipality, request, "MakeOffer", extra: Fields(("DwellingReference", $"W-{i}"), ("OfferReplyBy", Iso(today.AddDays(7)))));
            await ActAsync(counsellor, request, "AcceptOffer", extra: Confirmed);
            StatusOn(await ActAsync(counsellor, request, "MarkHoused", date: Iso(today), extra: Confirmed)).Should().NotBeEmpty();
        }

        for (var i = 0; i < 5; i++)
        {
            // Ready -85, filed -80 with the corporation, never decided: past its deadline now.
            var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-110), today.AddDays(-85)));
            await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-80)));
        }

        await using var connection = await factory.Db.OpenAsync();
        var due = (await Dapper.SqlMapper.QueryAsync<DateOnly>(connection, "SELECT DecisionDueDate FROM UrgencyRequests WHERE DecidedDate IS NOT NULL")).Distinct().Single();
        (await Dapper.SqlMapper.QueryAsync<DateOnly>(connection, "SELECT DecidedDate FROM UrgencyRequests WHERE DecidedDate IS NOT NULL ORDER BY DecidedDate"))
            .Should().Equal(Enumerable.Range(0, 5).Select(i => today.AddDays(-24 + i)), "the decision letter's date is kept");
        var analyst = await factory.SignedInAsync("analyst");

        var page = await analyst.GetAsync(Custom(today.AddDays(-120), today, "Responder"));

        const string Gemeente = "Demo Gemeente Utrecht", Corporatie = "Demo Woningcorporatie Utrecht";
        Row(page, "blockage", Gemeente)[..2].Should().Equal("5", "510"); // ready 100..104 days before moving today
        Row(page, "blockage", Corporatie)[..2].Should().Equal("5", "425");
        // Lead times: ready → filed 10..14 (median 12), filed → decision 66..70 (68), grant → offer 20..24 (22), offer → moved 0.
        Row(page, "lead-times", Gemeente).Should().Equal("5", "12", "5", "68", "5", "22", "5", "0");
        Row(page, "lead-times", Corporatie).Should().Equal("5", "5", "0", "–", "0", "–", "0", "–");
        // All ten filings: 5,5,5,5,5,10,11,12,13,14: median rank 5 → 5.
        Row(page, "lead-times", "Totaal")[..2].Should().Equal("10", "5");
        var overdue = Enumerable.Range(0, 5).Select(i => Outflow.Core.Metrics.LeadTimes.DaysOverdue(today.AddDays(-20 - i), due)).Order().ToList();
        Row(page, "deadlines", Gemeente).Should().Equal("5", "5", "100,0%", overdue[2].ToString(), overdue[4].ToString(), "0");
        Row(page, "deadlines", Corporatie).Should().Equal("0", "0", "–", "–", "–", "5");
        // Waiting: left after 100..104 days (n = 5: median rank 3 → 102, p75 rank 4 → 103, p90 rank 5 → 104); still waiting 85 days.
        Row(page, "waiting", Gemeente)[..4].Should().Equal("5", "102", "103", "104");
        Row(page, "waiting", Corporatie)[4..].Should().Equal("5", "85", "85", "85");
        Row(page, "bands", "91–180 dagen").Should().Equal("5", "0");
        Row(page, "bands", "31–90 dagen").Should().Equal("0", "5");
        Row(page, "outcomes", Gemeente)[0].Should().Be("5", "moved into social rent");
        page.Document.QuerySelectorAll("svg[role=img]").Should().HaveCount(4, "the month line, the bars per group and two distributions");
        var csv = await analyst.Http.GetStringAsync(Custom(today.AddDays(-120), today, "Responder").Replace("/reports?", "/reports/export.csv?"));
        var stays = Enumerable.Range(0, 5).Select(i => (today.AddDays(-100 - i), (DateOnly?)today)).Concat(Enumerable.Range(0, 5).Select(_ => (today.AddDays(-85), (DateOnly?)null))).ToList();
        MonthsShouldMatch(csv, stays, today).Should().Be(510 + 425, "every blocked day falls in the chart's months");
        GroupMonthsShouldMatch(csv, new Dictionary<string, List<(DateOnly, DateOnly?)>> { [Gemeente] = stays[..5], [Corporatie] = stays[5..] }, today);
        page.Document.QuerySelectorAll("table#months-by-group tbody tr").Should().HaveCount(2);
        csv.Should().Contain($",waiting_time_distribution,{Gemeente},band_3_left,5\n").And.Contain($",waiting_time_distribution,{Corporatie},band_2_still_waiting,5\n")
            .And.Contain($",waiting_time_distribution,{Gemeente},band_2_left,0\n");
    }

    [Fact]
    public async Task A_resident_counts_with_the_organisation_of_her_latest_filing_and_her_first_filing_date()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-90), today.AddDays(-60));
        var later = await CreateDraftAsync(counsellor, resident);
        var earlier = await CreateDraftAsync(counsellor, resident, addressedTo: "Demo Gemeente Utrecht");
        await ActAsync(counsellor, later, "File", date: Iso(today.AddDays(-40)));
        await ActAsync(counsellor, earlier, "File", date: Iso(today.AddDays(-50))); // recorded second, filed first

        await using var connection = await factory.Db.OpenAsync();
        var facts = await Dapper.SqlMapper.QuerySingleAsync<(DateOnly FirstFiled, DateOnly LastFiled, string Organisation)>(connection, """
            SELECT r.FirstFiledDate, r.LastFiledDate, o.Name FROM Residents r JOIN Organisations o ON o.Id = r.LastFiledOrganisationId WHERE r.Reference = @Reference
            """, new { Reference = resident });
        facts.Should().Be((today.AddDays(-50), today.AddDays(-40), "Demo Woningcorporatie Utrecht"));
    }

    [Fact]
    public async Task The_report_days_match_dotnet_day_numbers()
    {
        await using var factory = new OutflowFactory();
        await using var connection = await factory.Db.OpenAsync();
        var months = (await Dapper.SqlMapper.QueryAsync<(DateOnly MonthStart, long StartDay, long NextDay)>(connection,
            "SELECT MonthStart, StartDay, NextDay FROM ReportMonths WHERE MonthStart IN ('2000-01-01', '2024-02-01', '2099-12-01') ORDER BY MonthStart")).ToList();
        months.Select(m => m.MonthStart).Should().Equal(new DateOnly(2000, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2099, 12, 1));
        months.Should().OnlyContain(m => m.StartDay == m.MonthStart.DayNumber && m.NextDay == m.MonthStart.AddMonths(1).DayNumber);
        (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM ReportMonths")).Should().Be(1200);
    }

    [Fact]
    public async Task No_route_a_policy_analyst_can_reach_shows_a_case_reference_or_initials()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-30), today.AddDays(-20), initials: "QW.ZX.");
        var request = await CreateDraftAsync(counsellor, resident, addressedTo: "Demo Gemeente Utrecht");
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-10)));

        var analyst = await factory.SignedInAsync("analyst");
        var seen = new HashSet<string>();
        (await analyst.Http.GetAsync($"/residents/{resident}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await analyst.Http.GetAsync($"/requests/{request}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var queue = new Queue<string>(["/", "/reports", "/municipalities", "/signals", "/residents", "/inbox", "/admin/organisations", "/hangfire"]);
        while (queue.Count > 0 && seen.Count < 60)
        {
            var url = queue.Dequeue();
            if (!seen.Add(url))
            {
                continue;
            }

            var response = await analyst.Http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            body.Should().NotContain(resident).And.NotContain(request).And.NotContain("QW.ZX.", url);
            Regex.IsMatch(body, @"\b[RU]-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}\b").Should().BeFalse(url);
            if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                foreach (Match link in Regex.Matches(body, "href=\"(/[^\"#?]*)"))
                {
                    var next = link.Groups[1].Value;
                    if (!next.StartsWith("/css", StringComparison.Ordinal) && !next.StartsWith("/municipalities/GM", StringComparison.Ordinal) || next == "/municipalities/GM0344")
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        seen.Should().Contain("/reports").And.Contain("/municipalities/GM0344");
    }

    [Fact]
    public async Task Requests_with_an_improper_requirement_are_counted_by_imposing_organisation_with_their_bed_days()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        for (var i = 0; i < 5; i++)
        {
            var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-40), today.AddDays(-12)), addressedTo: "Demo Gemeente Utrecht");
            await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-11)));
            var page = await counsellor.GetAsync($"/requests/{request}");
            await counsellor.SubmitAsync(page, "form[action$='/requirements']", Fields(
                ("RequirementForm.TypeCode", "LocalTies"), ("RequirementForm.Wording", "Binding vereist."), ("RequirementForm.ImposedByOrganisationId", page.Document.QuerySelectorAll("#rq-imposer option").Single(o => o.TextContent == "Demo Gemeente Utrecht").GetAttribute("value"))));
        }

        var analyst = await factory.SignedInAsync("analyst");
        var report = await analyst.GetAsync(Custom(today.AddDays(-30), today) + "&Zeros=show"); // requirements are recorded today

        Row(report, "improper-by-imposer", "Demo Gemeente Utrecht").Should().Equal("5", "60"); // five requests, each resident ready twelve days before today
        Row(report, "improper", "Utrecht").Should().Equal("5", "60");
        Row(report, "improper", "Totaal").Should().Equal("5", "60");
        Row(report, "improper", "IJsselland").Should().Equal("0", "0");
    }
}
