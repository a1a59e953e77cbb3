using Outflow.Core.Requests;

namespace Outflow.Core.Tests;

public sealed class RequestDateRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Intake = new(2026, 6, 1);

    private static string[] Keys(RequestAction action, DateOnly? date, DateOnly? filed = null) =>
        RequestDateRules.Validate(action, date, Intake, filed, Today).Select(v => v.MessageKey).ToArray();

    [Theory]
    [InlineData(RequestAction.File)]
    [InlineData(RequestAction.MarkHoused)]
    public void Dated_actions_need_a_date_between_intake_and_today(RequestAction action)
    {
        Keys(action, null).Should().Equal("Request.DateRequired");
        Keys(action, Today).Should().BeEmpty();
        Keys(action, Intake).Should().BeEmpty();
        Keys(action, Today.AddDays(1)).Should().Equal("Request.DateInFuture");
        Keys(action, Intake.AddDays(-1)).Should().Equal("Request.DateBeforeIntake");
    }

    [Fact]
    public void Moving_in_cannot_precede_filing()
    {
        Keys(RequestAction.MarkHoused, new DateOnly(2026, 7, 1), filed: new DateOnly(2026, 7, 2)).Should().Equal("Request.HousedBeforeFiled");
        Keys(RequestAction.MarkHoused, new DateOnly(2026, 7, 2), filed: new DateOnly(2026, 7, 2)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(RequestAction.MarkReceived)]
    [InlineData(RequestAction.RequestInformation)]
    [InlineData(RequestAction.RecordInformationReceived)]
    [InlineData(RequestAction.Grant)]
    [InlineData(RequestAction.Refuse)]
    public void Deadline_dates_default_to_today_and_cannot_precede_filing(RequestAction action)
    {
        RequestDateRules.RequiresDate(action).Should().BeFalse();
        Keys(action, null).Should().BeEmpty();
        Keys(action, Today.AddDays(1)).Should().Equal("Request.DateInFuture");
        Keys(action, new DateOnly(2026, 7, 1), filed: new DateOnly(2026, 7, 2)).Should().Equal("Request.DateBeforeFiled");
    }

    [Fact]
    public void Undated_actions_ignore_the_date()
    {
        RequestDateRules.TakesDate(RequestAction.MakeOffer).Should().BeFalse();
        Keys(RequestAction.MakeOffer, null).Should().BeEmpty();
        Keys(RequestAction.MakeOffer, Today.AddYears(5)).Should().BeEmpty();
    }
}
