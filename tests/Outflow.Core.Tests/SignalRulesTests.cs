using Outflow.Core.Signals;

namespace Outflow.Core.Tests;

public sealed class SignalRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static SignalFacts Facts(string status, DateOnly? due = null, bool suspended = false, DateOnly? replyBy = null, DateOnly? granted = null, int? validity = null) =>
        new(status, due, suspended, replyBy, granted, validity);

    [Fact]
    public void An_overdue_decision_signals_both_parties_with_the_due_date()
    {
        SignalRules.Due(Facts("Received", due: Today.AddDays(-1)), Today).Should().BeEquivalentTo(new[]
        {
            new SignalDue(SignalKind.DecisionOverdue, Today.AddDays(-1), SignalAudience.Shelter),
            new SignalDue(SignalKind.DecisionOverdue, Today.AddDays(-1), SignalAudience.Addressed),
        });
    }

    [Fact]
    public void On_the_due_date_suspended_or_decided_there_is_no_overdue_signal()
    {
        SignalRules.Due(Facts("Received", due: Today), Today).Should().BeEmpty();
        SignalRules.Due(Facts("Received", due: Today.AddDays(-5), suspended: true), Today).Should().BeEmpty();
        SignalRules.Due(Facts("Granted", due: Today.AddDays(-5)), Today).Should().BeEmpty();
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(-1, false)]
    public void An_information_reply_due_within_three_days_signals_the_shelter(int daysAhead, bool signals) =>
        SignalRules.Due(Facts("InformationRequested", replyBy: Today.AddDays(daysAhead)), Today)
            .Should().BeEquivalentTo(signals ? [new SignalDue(SignalKind.InformationReplyDue, Today.AddDays(daysAhead), SignalAudience.Shelter)] : Array.Empty<SignalDue>());

    [Fact]
    public void An_urgency_statement_expiring_within_fourteen_days_signals_both_parties()
    {
        var granted = new DateOnly(2025, 12, 1); // valid 12 months: until 1-12-2026, 8 days ahead
        var signals = SignalRules.Due(Facts("Granted", granted: granted, validity: 12), Today);

        signals.Should().HaveCount(2).And.OnlyContain(s => s.Kind == SignalKind.UrgencyExpiresSoon && s.DueOn == new DateOnly(2026, 12, 1));
        SignalRules.Due(Facts("Granted", granted: granted, validity: 13), Today).Should().BeEmpty();
        SignalRules.Due(Facts("Housed", granted: granted, validity: 12), Today).Should().BeEmpty();
    }

    [Fact]
    public void An_offer_reply_due_tomorrow_signals_the_shelter()
    {
        SignalRules.Due(new SignalFacts("OfferMade", null, false, null, null, null, Today.AddDays(1)), Today)
            .Should().Equal(new SignalDue(SignalKind.OfferReplyDue, Today.AddDays(1), SignalAudience.Shelter));
        SignalRules.Due(new SignalFacts("OfferMade", null, false, null, null, null, Today.AddDays(2)), Today).Should().BeEmpty();
        SignalRules.Due(new SignalFacts("Accepted", null, false, null, null, null, Today.AddDays(1)), Today).Should().BeEmpty();
    }
}
