using Outflow.Core.Residents;

namespace Outflow.Core.Tests;

public sealed class ResidentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ResidentFacts Valid() => new(1990, 1, 2, new DateOnly(2026, 5, 1), new DateOnly(2026, 9, 1), null, null);

    private static IEnumerable<string> Keys(ResidentFacts facts) => ResidentRules.Validate(facts, Today).Select(v => $"{v.Field}:{v.MessageKey}");

    [Fact]
    public void A_complete_plausible_record_is_valid() => Keys(Valid()).Should().BeEmpty();

    [Fact]
    public void Intake_today_is_allowed_but_tomorrow_is_not()
    {
        Keys(Valid() with { IntakeDate = Today, ReadyDate = null }).Should().BeEmpty();
        Keys(Valid() with { IntakeDate = Today.AddDays(1), ReadyDate = null }).Should().Equal("IntakeDate:Resident.IntakeInFuture");
    }

    [Fact]
    public void Ready_date_may_equal_intake_but_not_precede_it()
    {
        Keys(Valid() with { ReadyDate = new DateOnly(2026, 5, 1) }).Should().BeEmpty();
        Keys(Valid() with { ReadyDate = new DateOnly(2026, 4, 30) }).Should().Equal("ReadyDate:Resident.ReadyBeforeIntake");
    }

    [Fact]
    public void Ready_date_cannot_be_in_the_future() =>
        Keys(Valid() with { ReadyDate = Today.AddDays(1) }).Should().Equal("ReadyDate:Resident.ReadyInFuture");

    [Fact]
    public void Outflow_date_may_equal_intake_but_not_precede_it()
    {
        Keys(Valid() with { OutflowDate = new DateOnly(2026, 5, 1), Destination = DestinationType.OtherShelter, ReadyDate = null }).Should().BeEmpty();
        Keys(Valid() with { OutflowDate = new DateOnly(2026, 4, 30), Destination = DestinationType.OtherShelter })
            .Should().Equal("OutflowDate:Resident.OutflowBeforeIntake");
    }

    [Fact]
    public void Outflow_before_the_ready_date_is_allowed_because_a_resident_can_leave_before_she_is_ready() =>
        Keys(Valid() with { OutflowDate = new DateOnly(2026, 6, 1), Destination = DestinationType.ReturnedHome }).Should().BeEmpty();

    [Fact]
    public void Outflow_cannot_be_in_the_future() =>
        Keys(Valid() with { OutflowDate = Today.AddDays(1), Destination = DestinationType.SocialRent })
            .Should().Equal("OutflowDate:Resident.OutflowInFuture");

    [Fact]
    public void Outflow_date_and_destination_go_together()
    {
        Keys(Valid() with { OutflowDate = Today }).Should().Equal("Destination:Resident.DestinationRequired");
        Keys(Valid() with { Destination = DestinationType.SocialRent }).Should().Equal("OutflowDate:Resident.OutflowDateRequired");
    }

    [Theory]
    [InlineData(1916, true)] // 110 years before 2026
    [InlineData(1915, false)]
    [InlineData(2014, true)] // 12 years before 2026
    [InlineData(2015, false)]
    [InlineData(0, false)]
    public void Birth_year_must_be_plausible(int year, bool valid) =>
        Keys(Valid() with { BirthYear = year }).Should().Equal(valid ? [] : ["BirthYear:Resident.BirthYearRange"]);

    [Theory]
    [InlineData(0, 0, 1)] // a household of nobody
    [InlineData(20, 20, 0)]
    [InlineData(-1, 0, 1)]
    [InlineData(0, -1, 1)]
    [InlineData(21, 0, 1)]
    [InlineData(0, 21, 1)]
    [InlineData(-1, 21, 2)]
    public void Household_counts_are_between_zero_and_twenty(int adults, int children, int errors) =>
        Keys(Valid() with { Adults = adults, Children = children }).Should().HaveCount(errors);

    [Fact]
    public void Several_broken_rules_are_all_reported() =>
        Keys(new ResidentFacts(1800, -1, 0, Today.AddDays(2), Today.AddDays(1), null, null)).Should().BeEquivalentTo(
            "BirthYear:Resident.BirthYearRange", "Adults:Resident.AdultsRange", "IntakeDate:Resident.IntakeInFuture", "ReadyDate:Resident.ReadyBeforeIntake");

    [Fact]
    public void Missing_values_are_left_to_the_form_and_the_other_rules_still_run_in_the_same_round()
    {
        // Issue 19: one validation round. With the birth year and intake date empty, the range
        // errors of the counts and the future ready date are still reported at once.
        Keys(new ResidentFacts(null, 21, -1, null, Today.AddDays(1), null, null)).Should().Equal(
            "Adults:Resident.AdultsRange", "Children:Resident.ChildrenRange", "ReadyDate:Resident.ReadyInFuture");
    }

    [Fact]
    public void The_birth_year_message_names_the_allowed_years()
    {
        var violation = ResidentRules.Validate(Valid() with { BirthYear = 1800 }, Today).Single();
        violation.Args.Should().Equal(Today.Year - ResidentRules.MaximumAge, Today.Year - ResidentRules.MinimumAge);
    }

    /// <summary>Seen in the browser walk of 2 December 2026: intake 0001-01-01 and a household of nobody were saved.</summary>
    [Fact]
    public void An_intake_more_than_ten_years_ago_and_an_empty_household_are_refused()
    {
        var today = new DateOnly(2026, 12, 2);
        var errors = ResidentRules.Validate(new ResidentFacts(1990, 0, 0, new DateOnly(1, 1, 1), null, null, null), today);

        errors.Select(e => e.MessageKey).Should().BeEquivalentTo("Resident.HouseholdEmpty", "Resident.IntakeTooEarly");
        ResidentRules.Validate(new ResidentFacts(1990, 1, 0, today.AddYears(-10), null, null, null), today).Should().BeEmpty();
    }
}
