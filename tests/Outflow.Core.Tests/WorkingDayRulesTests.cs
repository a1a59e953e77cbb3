using Outflow.Core.Residents;
using Outflow.Core.WorkQueue;

namespace Outflow.Core.Tests;

public sealed class SearchTermTests
{
    [Theory]
    [InlineData("A.B.", "AB")]
    [InlineData(" a b ", "AB")]
    [InlineData("A.-B", "AB")]
    [InlineData("É.M.", "EM")]
    [InlineData("ö", "O")]
    [InlineData("J.-P.", "JP")]
    public void Initials_are_normalised_to_their_letters(string typed, string normalised) =>
        SearchTerm.NormalizeInitials(typed).Should().Be(normalised);

    [Theory]
    [InlineData("")]
    [InlineData(" . ")]
    [InlineData("A1")]
    [InlineData("A_B")]
    [InlineData(null)]
    public void Text_that_is_not_initials_has_no_normalised_form(string? typed) =>
        SearchTerm.NormalizeInitials(typed).Should().BeNull();

    [Theory]
    [InlineData("r-7kqm-d3", "R7KQMD3", null)]
    [InlineData("7KQ", "7KQ", null)]
    [InlineData("KMB", "KMB", "KMB")]
    [InlineData("A.B.", null, "AB")]
    [InlineData("AB", null, "AB")]
    [InlineData("U-7KQM D3XW H2", "U7KQMD3XWH2", null)]
    public void Input_is_read_as_a_reference_fragment_and_or_initials(string typed, string? fragment, string? initials)
    {
        var term = SearchTerm.Parse(typed);

        term.ReferenceFragment.Should().Be(fragment);
        SearchTerm.NormalizeInitials(term.Initials).Should().Be(initials);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12")]
    [InlineData("%_%")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Empty_short_or_odd_input_searches_nothing(string typed) => SearchTerm.Parse(typed).IsEmpty.Should().BeTrue();
}

public sealed class WorkQueueRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void Ready_for_more_than_fourteen_days_means_ready_on_or_before_fifteen_days_ago() =>
        WorkQueueRules.ReadyOnOrBefore(Today).Should().Be(new DateOnly(2026, 11, 16));

    [Theory]
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2026-03-15", 12, "2027-03-15")]
    public void An_urgency_statement_expires_its_validity_in_months_after_the_grant_at_the_end_of_a_shorter_month(string granted, int months, string expires) =>
        WorkQueueRules.ExpiresOn(DateOnly.Parse(granted), months).Should().Be(DateOnly.Parse(expires));

    [Theory]
    [InlineData("2025-12-01", 12, true)]  // expires today
    [InlineData("2025-12-31", 12, true)]  // in 30 days
    [InlineData("2026-01-01", 12, false)] // in 31 days
    [InlineData("2025-11-30", 12, false)] // expired yesterday
    public void Expiring_is_from_thirty_days_before_the_last_valid_day_until_that_day(string granted, int months, bool expiring) =>
        WorkQueueRules.IsExpiring(DateOnly.Parse(granted), months, Today).Should().Be(expiring);
}
