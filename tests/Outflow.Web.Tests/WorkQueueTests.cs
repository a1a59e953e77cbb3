using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Outflow.Core.WorkQueue;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

/// <summary>Each kind of the counsellor's work queue appears when its facts arise and goes when they change, here and on the navigation badge.</summary>
public sealed class WorkQueueTests
{
    /// <summary>The count of each kind on the page, read from the list of counts (missing kinds are zero).</summary>
    private static Dictionary<WorkKind, int> Counts(Page page)
    {
        var counts = Enum.GetValues<WorkKind>().ToDictionary(k => k, _ => 0);
        foreach (var link in page.Document.QuerySelectorAll("main ul.work-counts a[data-kind]"))
        {
            counts[Enum.Parse<WorkKind>(link.GetAttribute("data-kind")!)] = int.Parse(Regex.Match(link.TextContent, @"\d+").Value);
        }

        return counts;
    }

    private static async Task<Dictionary<WorkKind, int>> QueueAsync(OutflowClient client, string scope = "Mine") => Counts(await client.GetAsync($"/today?Scope={scope}"));

    private static Dictionary<WorkKind, int> Only(params (WorkKind Kind, int Count)[] counts)
    {
        var expected = Enum.GetValues<WorkKind>().ToDictionary(k => k, _ => 0);
        foreach (var (kind, count) in counts)
        {
            expected[kind] = count;
        }

        return expected;
    }

    /// <summary>The "Meldingen" badge: the work on her queue plus the organisation's unread signals.</summary>
    private static async Task BadgeShouldMatchAsync(OutflowFactory factory, OutflowClient client, string userName)
    {
        var page = await client.GetAsync("/today");
        var work = Counts(page).Values.Sum();
        await using var connection = await factory.Db.OpenAsync();
        var unread = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM Signals s JOIN Users u ON u.OrganisationId = s.OrganisationId WHERE u.UserName = @userName AND s.ReadAt IS NULL AND s.ClosedAt IS NULL", new { userName });
        var badge = page.Document.QuerySelector("header nav a[href='/signals'] .badge")?.TextContent;
        (badge is null ? 0 : int.Parse(badge)).Should().Be(work + unread);
    }

    private static async Task<Page> ActWithAsync(OutflowClient client, string request, string action, string? date = null, params (string Name, string? Value)[] fields)
    {
        // Fill only the fields this action's form has (a question field, for one, may be added to a form).
        var page = await client.GetAsync($"/requests/{request}");
        var form = ActionForm(page, action) ?? throw new InvalidOperationException($"No '{action}' form on {request}.");
        var values = new Dictionary<string, string?>();
        foreach (var (name, value) in fields.Append(("Date", date)).Where(f => f.Item2 is not null))
        {
            if (form.Elements.Any(e => e.GetAttribute("name") == name))
            {
                values[name] = value;
            }
        }

        var result = await client.SubmitAsync(form, values);
        result.Errors.Should().BeEmpty($"{action} should succeed");
        return result;
    }

    [Fact]
    public async Task Every_kind_appears_and_disappears_as_the_facts_change_and_the_badge_follows()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var responder = await factory.SignedInAsync("responder.municipality.utrecht");

        var landing = await counsellor.GetAsync("/");
        landing.Path.Should().Be("/today");
        landing.Text.Should().Contain("Voor uw bewoners is vandaag niets te doen.");
        await BadgeShouldMatchAsync(factory, counsellor, UtrechtCounsellor);

        var resident = await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-15));
        await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-14)); // ready for exactly 14 days: not yet
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.ReadyWithoutRequest, 1)));
        var row = (await counsellor.GetAsync("/today")).Document.QuerySelector("#kind-ReadyWithoutRequest tbody tr")!;
        row.QuerySelector("a")!.GetAttribute("href").Should().Be($"/residents/{resident}");
        await BadgeShouldMatchAsync(factory, counsellor, UtrechtCounsellor);

        var request = await CreateDraftAsync(counsellor, resident, addressedTo: "Demo Gemeente Utrecht");
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.ReadyWithoutRequest, 1), (WorkKind.DraftNotFiled, 1)), "a draft is not a filed request");

        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-100)));
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.DecisionOverdue, 1)));
        var overdue = (await counsellor.GetAsync("/today")).Document.QuerySelector("#kind-DecisionOverdue tbody tr")!;
        overdue.QuerySelector($"a[href='/requests/{request}']").Should().NotBeNull();

        await ActWithAsync(responder, request, "MarkReceived", Iso(today.AddDays(-95)), ("Note", "Pas na vijf dagen uit de postkamer"));
        await ActWithAsync(responder, request, "RequestInformation", Iso(today.AddDays(-20)), ("ReplyBy", Iso(today.AddDays(12))), ("Question", "Stuur de beschikking van de opvang."), ("Note", "Telefonisch toegelicht"));
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.InformationAsked, 1)), "an information request suspends the term");
        var asked = (await counsellor.GetAsync("/today")).Document.QuerySelector("#kind-InformationAsked tbody tr")!;
        asked.TextContent.Should().Contain(today.AddDays(12).ToString("dd-MM-yyyy")).And.Contain("nog 12 dagen")
            .And.Contain("Stuur de beschikking van de opvang.", "the counsellor sees the question itself in her queue");
        await BadgeShouldMatchAsync(factory, counsellor, UtrechtCounsellor);

        await ActWithAsync(responder, request, "RecordInformationReceived", Iso(today.AddDays(-15)));
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.DecisionOverdue, 1)));

        var page = await counsellor.GetAsync($"/requests/{request}");
        await counsellor.SubmitAsync(page, "form[action$='/requirements']", Fields(("RequirementForm.TypeCode", "LocalTies"), ("RequirementForm.Wording", "Zes jaar binding vereist.")));
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.DecisionOverdue, 1), (WorkKind.RequirementWithoutLetter, 1)));
        await counsellor.SubmitAsync(await counsellor.GetAsync($"/requests/{request}"), "form[action$='/letter']");
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.DecisionOverdue, 1)), "a letter was drafted");

        await ActWithAsync(responder, request, "Grant", Iso(today.AddDays(-10)), ("ValidityMonths", "1"));
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.UrgencyExpiring, 1)), "granted ten days ago for one month");
        (await counsellor.GetAsync("/today")).Document.QuerySelector("#kind-UrgencyExpiring tbody tr")!.TextContent
            .Should().Contain(WorkQueueRules.ExpiresOn(today.AddDays(-10), 1).ToString("dd-MM-yyyy"));

        await ActWithAsync(responder, request, "MakeOffer", null, ("DwellingReference", "W-77"), ("OfferReplyBy", Iso(today.AddDays(5))));
        (await QueueAsync(counsellor)).Should().Equal(Only((WorkKind.UrgencyExpiring, 1), (WorkKind.OfferToAnswer, 1)));
        await BadgeShouldMatchAsync(factory, counsellor, UtrechtCounsellor);

        await ActWithAsync(counsellor, request, "AcceptOffer", null, ("Confirmed", "true"));
        (await QueueAsync(counsellor)).Should().Equal(Only(), "an accepted offer ends the urgency statement's search");
        (await QueueAsync(await factory.SignedInAsync(ZwolleCounsellor), "All")).Values.Sum().Should().Be(0, "never another organisation's work");
    }

    [Fact]
    public async Task Mine_is_the_residents_she_is_responsible_for_and_all_is_the_organisation()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        await Colleagues.CreateAsync(factory, "counsellor3.utrecht", "Derde begeleider Utrecht", "Demo Vrouwenopvang Utrecht", Roles.Counsellor);
        var me = await factory.SignedInAsync(UtrechtCounsellor);
        var colleague = await factory.SignedInAsync("counsellor3.utrecht");
        var resident = await RegisterResidentAsync(me, today.AddDays(-100), today.AddDays(-30));
        await CreateDraftAsync(me, resident);

        (await QueueAsync(me)).Should().Equal(Only((WorkKind.ReadyWithoutRequest, 1), (WorkKind.DraftNotFiled, 1)));
        (await QueueAsync(colleague)).Should().Equal(Only());
        (await QueueAsync(colleague, "All")).Should().Equal(Only((WorkKind.ReadyWithoutRequest, 1), (WorkKind.DraftNotFiled, 1)));
        await BadgeShouldMatchAsync(factory, colleague, "counsellor3.utrecht");

        var list = await me.GetAsync("/today?Kind=DraftNotFiled");
        list.Document.QuerySelectorAll("section.work-section").Should().ContainSingle();
        (await me.GetAsync("/today?Kind=Nonsense&Scope=Whatever")).Status.Should().Be(HttpStatusCode.OK, "a malformed filter falls back to the overview");
        (await (await factory.SignedInAsync(UtrechtCorporation)).GetAsync("/today")).Status.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_long_kind_is_paged_by_keyset_without_repeats()
    {
        await using var factory = new OutflowFactory();
        var today = factory.Today;
        var me = await factory.SignedInAsync(UtrechtCounsellor);
        var registered = new List<string>();
        for (var i = 0; i < 27; i++)
        {
            registered.Add(await RegisterResidentAsync(me, today.AddDays(-200), today.AddDays(-20 - (i % 3))));
        }

        var overview = await me.GetAsync("/today");
        overview.Document.QuerySelectorAll("#kind-ReadyWithoutRequest tbody tr").Should().HaveCount(5);
        overview.Text.Should().Contain("Alle 27 tonen");
        var seen = new List<string>();
        var page = await me.GetAsync("/today?Kind=ReadyWithoutRequest");
        while (true)
        {
            seen.AddRange(page.Document.QuerySelectorAll("#kind-ReadyWithoutRequest tbody tr td:first-child a").Select(a => a.TextContent.Trim()));
            var next = page.Document.QuerySelectorAll("nav.pager a").FirstOrDefault(a => a.TextContent.Contains("Volgende"));
            if (next is null)
            {
                break;
            }

            page = await me.GetAsync(next.GetAttribute("href")!);
        }

        seen.Should().BeEquivalentTo(registered).And.OnlyHaveUniqueItems();
    }
}

/// <summary>The work queue and search name their texts by enum value; each value has them, in both languages, with both plural forms.</summary>
public sealed class WorkingDayTextTests
{
    private static HashSet<string> Keys(string file) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "resources", file)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Every_kind_scope_and_match_has_its_texts(string file)
    {
        var keys = Keys(file);
        var needed = Enum.GetNames<WorkKind>().SelectMany(k => new[] { $"WorkKind.{k}.One", $"WorkKind.{k}.Other", $"WorkKindTitle.{k}", $"WorkKindHelp.{k}", $"WorkSince.{k}" })
            .Concat(new[] { WorkKind.InformationAsked, WorkKind.OfferToAnswer, WorkKind.DecisionOverdue, WorkKind.UrgencyExpiring }.Select(k => $"WorkDue.{k}"))
            .Concat(Enum.GetNames<WorkScope>().SelectMany(s => new[] { $"Scope.Work.{s}", $"Scope.Residents.{s}" }))
            .Concat(Enum.GetNames<Outflow.Web.Features.Search.SearchMatch>().Select(m => $"SearchMatch.{m}"));

        keys.Should().Contain(needed);
    }
}
