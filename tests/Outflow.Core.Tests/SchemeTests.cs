using Outflow.Core.Municipalities;
using Outflow.Core.Schemes;

namespace Outflow.Core.Tests;

public sealed class SchemeCalendarTests
{
    private static readonly SchemeVersion First = new(Guid.NewGuid(), "GM0344", new DateOnly(2024, 1, 1), SchemeTrack.CorporationRules, false, null, null, null);
    private static readonly SchemeVersion Second = new(Guid.NewGuid(), "GM0344", new DateOnly(2025, 7, 1), SchemeTrack.Statutory, false, 10, 6, 12);

    [Fact]
    public void Before_the_first_version_nothing_is_in_force() =>
        SchemeCalendar.InForce([First, Second], new DateOnly(2023, 12, 31)).Should().BeNull();

    [Fact]
    public void A_version_is_in_force_from_its_effective_date() =>
        SchemeCalendar.InForce([Second, First], new DateOnly(2025, 7, 1)).Should().Be(Second);

    [Fact]
    public void The_day_before_a_change_the_old_version_holds() =>
        SchemeCalendar.InForce([First, Second], new DateOnly(2025, 6, 30)).Should().Be(First);

    [Fact]
    public void After_the_change_the_new_version_holds() =>
        SchemeCalendar.InForce([First, Second], new DateOnly(2026, 11, 23)).Should().Be(Second);
}

public sealed class RequestTermsTests
{
    private static SchemeVersion Scheme(SchemeTrack track, int? term, int? validity = null) =>
        new(Guid.NewGuid(), "GM0344", new DateOnly(2024, 1, 1), track, false, term, null, validity);

    [Fact]
    public void A_statutory_scheme_gives_its_own_term_and_validity()
    {
        var scheme = Scheme(SchemeTrack.Statutory, 10, 12);

        RequestTerms.Inherit(scheme).Should().Be(new InheritedTerms(10, TermSource.Scheme, 12, scheme.Id));
    }

    [Fact]
    public void A_statutory_scheme_that_is_silent_gets_the_awb_maximum_of_eight_weeks() =>
        RequestTerms.Inherit(Scheme(SchemeTrack.Statutory, null)).Should().Match<InheritedTerms>(t => t.DecisionTermWeeks == 8 && t.TermSource == TermSource.AwbMaximum);

    [Fact]
    public void Corporation_rules_without_a_term_run_no_legal_term() =>
        RequestTerms.Inherit(Scheme(SchemeTrack.CorporationRules, null)).Should().Match<InheritedTerms>(t => t.DecisionTermWeeks == null && t.TermSource == TermSource.None);

    [Fact]
    public void Corporation_rules_with_their_own_term_keep_it() =>
        RequestTerms.Inherit(Scheme(SchemeTrack.CorporationRules, 6)).Should().Match<InheritedTerms>(t => t.DecisionTermWeeks == 6 && t.TermSource == TermSource.Scheme);

    [Fact]
    public void An_unknown_scheme_gets_the_awb_default() =>
        RequestTerms.Inherit(null).Should().Be(new InheritedTerms(8, TermSource.AwbMaximum, null, null));

    [Fact]
    public void The_due_date_is_the_filing_date_plus_the_term_in_weeks()
    {
        // The inherited term feeds the deadline calculus; before receipt it counts from filing.
        Outflow.Core.Deadlines.DecisionDeadline.Compute(new DateOnly(2026, 1, 5), new InheritedTerms(10, TermSource.Scheme, null, null).DecisionTermWeeks, [], null, new DateOnly(2026, 1, 5))
            .DueDate.Should().Be(new DateOnly(2026, 3, 16));
        Outflow.Core.Deadlines.DecisionDeadline.Compute(new DateOnly(2026, 1, 5), new InheritedTerms(null, TermSource.None, null, null).DecisionTermWeeks, [], null, new DateOnly(2026, 1, 5))
            .DueDate.Should().BeNull();
    }
}

public sealed class MunicipalitySuccessionTests
{
    // A fixture with illustrative dates (not a record of real mergers) and one made-up code, GM9001.
    private static readonly Dictionary<string, MunicipalityValidity> Municipalities = new()
    {
        ["GM0457"] = new("GM0457", new DateOnly(2022, 3, 24), "GM0363"),
        ["GM0363"] = new("GM0363", new DateOnly(2030, 1, 1), "GM9001"),
        ["GM9001"] = new("GM9001", null, null),
        ["GM0344"] = new("GM0344", null, null),
    };

    [Fact]
    public void A_municipality_stands_for_itself_while_it_exists()
    {
        MunicipalitySuccession.OnDate("GM0457", new DateOnly(2022, 3, 23), Municipalities).Should().Be("GM0457");
        MunicipalitySuccession.OnDate("GM0344", new DateOnly(2026, 1, 1), Municipalities).Should().Be("GM0344");
    }

    [Fact]
    public void From_the_merger_day_the_successor_counts() =>
        MunicipalitySuccession.OnDate("GM0457", new DateOnly(2022, 3, 24), Municipalities).Should().Be("GM0363");

    [Fact]
    public void Successive_mergers_are_followed() =>
        MunicipalitySuccession.OnDate("GM0457", new DateOnly(2030, 1, 1), Municipalities).Should().Be("GM9001");

    [Fact]
    public void An_unknown_code_is_returned_unchanged() =>
        MunicipalitySuccession.OnDate("GM9999", new DateOnly(2026, 1, 1), Municipalities).Should().Be("GM9999");

    [Fact]
    public void A_cycle_is_reported()
    {
        var cycle = new Dictionary<string, MunicipalityValidity>
        {
            ["A"] = new("A", new DateOnly(2020, 1, 1), "B"),
            ["B"] = new("B", new DateOnly(2020, 1, 1), "A"),
        };

        FluentActions.Invoking(() => MunicipalitySuccession.OnDate("A", new DateOnly(2021, 1, 1), cycle)).Should().Throw<InvalidOperationException>();
    }
}

public sealed class SchemeFileTests
{
    private static readonly HashSet<string> Codes = ["GM0344", "GM0193"];
    private static readonly HashSet<string> Organisations = ["Gemeente Utrecht", "Woonstichting"];
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly string Header = string.Join(',', SchemeFile.Columns);

    private static SchemeFileResult Parse(params string[] lines) =>
        SchemeFile.Parse(string.Join('\n', lines.Prepend(Header)), Codes, Organisations, Today);

    [Fact]
    public void A_valid_file_gives_its_rows()
    {
        var result = Parse(
            "GM0344,2025-01-01,Statutory,nee,Huisvestingsverordening Utrecht 2025,https://lokaleregelgeving.overheid.nl/x,ja,\"Woningzoekenden in de opvang, ...\",Gemeente Utrecht,10,6,12,heel Utrecht,\"77,45\",,2026-10-01,sector",
            "GM0193,2024-07-01,CorporationRules,nee,,,,,Woonstichting,,,,,,1 jaar in Zwolle,2026-09-01,sector");

        result.Errors.Should().BeEmpty();
        result.Rows.Should().HaveCount(2);
        var utrecht = result.Rows[0];
        utrecht.Should().BeEquivalentTo(new
        {
            Line = 2, MunicipalityCode = "GM0344", EffectiveFrom = new DateOnly(2025, 1, 1), Track = SchemeTrack.Statutory,
            NamesShelterCategory = (bool?)true, ShelterCategoryWording = "Woningzoekenden in de opvang, ...", DecisionTermWeeks = (int?)10,
            ExtensionWeeks = (int?)6, ValidityMonths = (int?)12, FeeCents = (int?)7745,
        });
        utrecht.DecidingOrganisations.Should().Equal("Gemeente Utrecht");
        result.Rows[1].TiesCondition.Should().Be("1 jaar in Zwolle");
    }

    [Fact]
    public void Every_error_names_its_line_and_column_and_no_row_is_returned()
    {
        var result = Parse(
            "GM0344,2025-01-01,Statutory,nee,,,ja,,Gemeente Utrecht,10,,,,,,2026-10-01,sector",
            "GM9999,2025-13-01,Sometimes,misschien,,ftp://x,,,Onbekend,60,,0,,-5,,2027-01-01,",
            "GM0344,2025-01-01,Statutory,nee,,,ja,,,,,,,,,2026-10-01,sector");

        result.Rows.Should().BeEmpty();
        result.Errors.Select(e => $"{e.Line}:{e.Column}:{e.ColumnName}:{e.MessageKey}").Should().BeEquivalentTo(
            "3:1:municipality_code:File.UnknownMunicipality",
            "3:2:effective_from:File.InvalidDate",
            "3:3:track:SchemeFile.InvalidTrack",
            "3:4:direct_mediation_only:File.InvalidBoolean",
            "3:6:source_url:SchemeFile.InvalidUrl",
            "3:9:deciding_organisations:SchemeFile.UnknownOrganisation",
            "3:10:decision_term_weeks:File.OutOfRange",
            "3:12:validity_months:File.OutOfRange",
            "3:14:fee_euros:File.InvalidAmount",
            "3:16:last_verified_on:SchemeFile.VerifiedInFuture",
            "3:17:last_verified_by:File.Required",
            "4:2:effective_from:SchemeFile.DuplicateVersion");
    }

    [Fact]
    public void Header_problems_are_reported_on_line_one()
    {
        var result = SchemeFile.Parse("municipality_code,colour\nGM0344,red", Codes, Organisations, Today);

        result.Errors.Should().Contain(e => e.Line == 1 && e.Column == 2 && e.ColumnName == "colour" && e.MessageKey == "File.UnknownColumn");
        result.Errors.Should().Contain(e => e.ColumnName == "track" && e.MessageKey == "File.MissingColumn");
    }

    [Fact]
    public void A_row_with_too_few_fields_is_an_error() =>
        Parse("GM0344,2025-01-01").Errors.Should().ContainSingle(e => e.Line == 2 && e.MessageKey == "File.WrongFieldCount");

    [Fact]
    public void Direct_mediation_is_a_variant_of_the_statutory_track_only() =>
        Parse("GM0193,2024-07-01,None,ja,,,,,,,,,,,,2026-09-01,sector").Errors
            .Should().ContainSingle(e => e.ColumnName == "direct_mediation_only" && e.MessageKey == "SchemeFile.MediationNeedsStatutory");

    [Fact]
    public void Formatting_and_parsing_give_the_same_rows()
    {
        var original = Parse(
            "GM0344,2025-01-01,Statutory,ja,\"Titel, met komma\",https://example.org/a,ja,\"zegt \"\"opvang\"\"\",Gemeente Utrecht;Woonstichting,10,6,12,,77.45,,2026-10-01,sector").Rows;

        var again = SchemeFile.Parse(SchemeFile.Format(original), Codes, Organisations, Today);

        again.Errors.Should().BeEmpty();
        again.Rows.Should().BeEquivalentTo(original, o => o.Excluding(r => r.Line));
    }
}
