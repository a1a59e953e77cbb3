using Outflow.Core.Requests;

namespace Outflow.Core.Tests;

public sealed class RequestDateRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly Intake = new(2026, 6, 1);

    private static string[] Keys(RequestAction action, DateOnly? date, DateOnly? filed = null, DateOnly? lastStep = null) =>
        RequestDateRules.Validate(action, date, new StepFacts(Intake, filed, lastStep), Today).Select(v => v.MessageKey).ToArray();

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
        Keys(action, DateOnly.MinValue).Should().Equal("Request.DateBeforeIntake");
        Keys(action, DateOnly.MaxValue).Should().Equal("Request.DateInFuture");
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
    [InlineData(RequestAction.SupplyInformation)]
    [InlineData(RequestAction.RecordInformationReceived)]
    [InlineData(RequestAction.ExtendTerm)]
    [InlineData(RequestAction.Grant)]
    [InlineData(RequestAction.Refuse)]
    [InlineData(RequestAction.FileObjection)]
    [InlineData(RequestAction.MakeOffer)]
    [InlineData(RequestAction.AcceptOffer)]
    [InlineData(RequestAction.DeclineOffer)]
    [InlineData(RequestAction.Withdraw)]
    public void Every_step_is_dated_never_in_the_future_nor_before_the_filing_or_the_previous_step(RequestAction action)
    {
        RequestDateRules.RequiresDate(action).Should().BeFalse();
        RequestDateRules.TakesDate(action).Should().BeTrue();
        Keys(action, null, filed: new DateOnly(2026, 7, 2)).Should().BeEmpty();
        Keys(action, Today.AddDays(1), filed: new DateOnly(2026, 7, 2)).Should().Equal("Request.DateInFuture");
        Keys(action, new DateOnly(2026, 7, 1), filed: new DateOnly(2026, 7, 2)).Should().Equal("Request.DateBeforeFiled");
        Keys(action, new DateOnly(2026, 8, 1), filed: new DateOnly(2026, 7, 2), lastStep: new DateOnly(2026, 8, 2)).Should().Equal("Request.DateBeforePreviousStep");
        Keys(action, new DateOnly(2026, 8, 2), filed: new DateOnly(2026, 7, 2), lastStep: new DateOnly(2026, 8, 2)).Should().BeEmpty();
    }

    [Fact]
    public void Receipt_defaults_to_the_filing_date_other_steps_to_today()
    {
        var filed = new DateOnly(2026, 10, 9);
        RequestDateRules.EffectiveDate(RequestAction.MarkReceived, null, Today, filed).Should().Be(filed);
        RequestDateRules.EffectiveDate(RequestAction.Grant, null, Today, filed).Should().Be(Today);
        RequestDateRules.EffectiveDate(RequestAction.File, null, Today, null).Should().BeNull();
        RequestDateRules.EffectiveDate(RequestAction.MarkReceived, new DateOnly(2026, 10, 12), Today, filed).Should().Be(new DateOnly(2026, 10, 12));
    }

    [Fact]
    public void A_contest_is_a_note_of_today_and_takes_no_date()
    {
        RequestDateRules.TakesDate(RequestAction.ContestReceipt).Should().BeFalse();
        Keys(RequestAction.ContestReceipt, DateOnly.MaxValue).Should().BeEmpty();
        RequestDateRules.EffectiveDate(RequestAction.ContestReceipt, null, Today).Should().Be(Today);
    }

    [Fact]
    public void Dates_ahead_are_after_the_step_and_at_most_a_year_and_a_day_ahead()
    {
        var from = new DateOnly(2026, 11, 2);
        RequestDateRules.ValidateAhead("ReplyBy", null, from, required: true, mayBeSameDay: false, "Before").Select(v => v.MessageKey).Should().Equal("Request.ReplyByRequired");
        RequestDateRules.ValidateAhead("ReplyBy", null, from, required: false, mayBeSameDay: false, "Before").Should().BeEmpty();
        RequestDateRules.ValidateAhead("ReplyBy", from, from, required: true, mayBeSameDay: false, "Before").Select(v => v.MessageKey).Should().Equal("Before");
        RequestDateRules.ValidateAhead("ReplyBy", from, from, required: true, mayBeSameDay: true, "Before").Should().BeEmpty();
        RequestDateRules.ValidateAhead("ReplyBy", from.AddDays(366), from, required: true, mayBeSameDay: false, "Before").Should().BeEmpty();
        RequestDateRules.ValidateAhead("ReplyBy", from.AddDays(367), from, required: true, mayBeSameDay: false, "Before").Select(v => v.MessageKey).Should().Equal("Request.DateTooFarAhead");
        RequestDateRules.ValidateAhead("ReplyBy", DateOnly.MaxValue, from, required: true, mayBeSameDay: false, "Before").Select(v => v.MessageKey).Should().Equal("Request.DateTooFarAhead");
    }

    [Fact]
    public void A_receipt_later_than_the_filing_needs_a_reason()
    {
        var filed = new DateOnly(2026, 10, 9);
        ReceiptRules.GapDays(filed, new DateOnly(2026, 12, 1)).Should().Be(53);
        ReceiptRules.Validate(filed, filed, hasReason: false).Should().BeEmpty();
        ReceiptRules.Validate(filed, new DateOnly(2026, 12, 1), hasReason: false).Select(v => v.MessageKey).Should().Equal("Request.LateReceiptReasonRequired");
        ReceiptRules.Validate(filed, new DateOnly(2026, 12, 1), hasReason: true).Should().BeEmpty();
    }

    [Fact]
    public void An_extension_only_while_the_term_runs_once_and_with_its_reason()
    {
        var due = new DateOnly(2026, 12, 4);
        ExtensionRules.Validate(due, due, alreadyExtended: false, hasReason: true).Should().BeEmpty();
        ExtensionRules.Validate(due.AddDays(1), due, alreadyExtended: false, hasReason: true).Select(v => v.MessageKey).Should().Equal("Request.ExtensionAfterTerm");
        ExtensionRules.Validate(due, due, alreadyExtended: true, hasReason: true).Select(v => v.MessageKey).Should().Equal("Request.AlreadyExtended");
        ExtensionRules.Validate(due, due, alreadyExtended: false, hasReason: false).Select(v => v.MessageKey).Should().Equal("Request.ExtensionReasonRequired");
    }
}
