using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dapper;
using Outflow.Core.Requests;
using Outflow.Web.Tests.Infrastructure;

namespace Outflow.Web.Tests;

/// <summary>Issue 19: Dutch that reads right (and English too): plural forms, verbs on buttons, no untranslated text.</summary>
public sealed class WordingTests
{
    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(AppContext.BaseDirectory, "resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static readonly Dictionary<string, string> Dutch = Read("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Read("SharedResource.en.resx");

    [Fact]
    public void No_text_uses_a_plural_hack()
    {
        // "eis(en)", "fout(en)", "version(s)", "lidmaatschap(pen)": a count needs X.One and X.Other keys.
        var hack = new Regex(@"\p{L}\((?:s|en|n|e|es|pen|ies)\)");
        var texts = Dutch.Select(t => ("nl", t.Key, t.Value)).Concat(English.Select(t => ("en", t.Key, t.Value)));

        texts.Where(t => hack.IsMatch(t.Value.Replace("http(s)", "https", StringComparison.Ordinal)))
            .Select(t => $"{t.Item1} {t.Key}: {t.Value}").Should().BeEmpty();
    }

    [Fact]
    public void Every_plural_form_has_both_forms_in_both_languages_and_names_the_count()
    {
        // A stem with a "one" form, or an "other" form that counts ({0}), has both forms in both languages.
        var stems = Dutch.Where(t => t.Key.EndsWith(".One", StringComparison.Ordinal) || (t.Key.EndsWith(".Other", StringComparison.Ordinal) && t.Value.Contains("{0}", StringComparison.Ordinal)))
            .Select(t => t.Key[..t.Key.LastIndexOf('.')]).Distinct().ToList();
        stems.Should().HaveCountGreaterThan(20);
        foreach (var stem in stems)
        {
            Dutch.Should().ContainKeys(stem + ".One", stem + ".Other");
            English.Should().ContainKeys(stem + ".One", stem + ".Other");
            Dutch[stem + ".Other"].Should().Contain("{0}", $"{stem}.Other shows the count");
        }
    }

    [Fact]
    public void No_english_text_is_left_untranslated()
    {
        // Same text in both files is fine for names and codes ("Excel (.xlsx)", "{0}, {1}"), not for sentences.
        var words = new Regex(@"\p{L}{3,}");
        Dutch.Where(t => English.TryGetValue(t.Key, out var en) && en == t.Value && words.Matches(t.Value).Count >= 3)
            .Select(t => $"{t.Key}: {t.Value}").Should().BeEmpty();
        English.Where(t => Regex.IsMatch(t.Value, @"\b(?:het|een|niet|wordt|zijn|voor)\b")).Select(t => $"{t.Key}: {t.Value}")
            .Should().BeEmpty("English texts with Dutch words are untranslated");
    }

    [Fact]
    public void Each_workflow_step_has_a_verb_for_its_button_and_a_past_tense_for_the_timeline()
    {
        foreach (var action in Enum.GetNames<RequestAction>())
        {
            Dutch.Should().ContainKey("ActionButton." + action);
            Dutch.Should().ContainKey("Event." + action);
        }

        Dutch["ActionButton.AcceptOffer"].Should().Be("Aanbod accepteren");
        Dutch["ActionButton.MarkHoused"].Should().Be("Verhuizing vastleggen");
        Dutch["Event.Create"].Should().NotContain("Concept", "the timeline adds the status: 'Aanvraag aangemaakt: Concept'");
        Enum.GetNames<RequestAction>().Where(a => Dutch["ActionButton." + a] == Dutch["Event." + a])
            .Should().BeEmpty("a button says what it will do, the timeline what was done");
    }

    [Fact]
    public void Short_month_names_are_the_dutch_abbreviations()
    {
        Enumerable.Range(1, 12).Select(m => Dutch["Month.Short." + m])
            .Should().Equal("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec");
    }
}

/// <summary>Issue 19: texts as they appear on the pages.</summary>
public sealed class WordingPageTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    [Fact]
    public async Task Region_names_are_capitalised_and_a_select_asks_to_choose()
    {
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<string>("SELECT Name FROM Regions WHERE Code = 'VT21'")).Should().Be("West-Brabant", "CBS spells it 'West-brabant'");
        }

        var counsellor = await factory.SignedInAsync(Scenario.UtrechtCounsellor);
        var resident = await Scenario.RegisterResidentAsync(counsellor, factory.Today.AddDays(-10));
        var start = await counsellor.GetAsync($"/residents/{resident}/requests/new");
        var step2 = await counsellor.GetAsync(start.Form("form[method=get]").GetAttribute("action") + "?MunicipalityCode=GM0344");
        var page = await counsellor.SubmitAsync(step2.Form("form[action$='/requests/new'][method=post]"), Scenario.Fields(("AddressedOrganisationId", "")));

        page.Errors.Should().Contain("Kies de instantie waaraan de aanvraag gericht is.").And.NotContain(e => e.StartsWith("Vul Gericht aan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_household_reads_in_singular_and_plural()
    {
        var counsellor = await factory.SignedInAsync(Scenario.ZwolleCounsellor);
        var page = await Scenario.SubmitRegistrationAsync(counsellor, Scenario.Fields(
            ("Initials", "H.H."), ("BirthYear", "1990"), ("Adults", "1"), ("Children", "1"), ("IntakeDate", Scenario.Iso(factory.Today.AddDays(-3)))));

        page.Text.Should().Contain("1 volwassene, 1 kind").And.NotContain("volw.");
    }
}
