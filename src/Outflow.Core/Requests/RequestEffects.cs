namespace Outflow.Core.Requests;

/// <summary>What recording a step does besides changing the status; each effect has one handler in the web layer.</summary>
public enum StepEffect
{
    /// <summary>Fix the filing date, the scheme version in force then, its term and validity.</summary>
    RecordFiling,

    /// <summary>The date of receipt (default the filing date; a later one needs a reason and raises a signal).</summary>
    RecordReceipt,

    /// <summary>Open an Awb 4:5 request for information with its question and hersteltermijn.</summary>
    OpenInformationRequest,

    /// <summary>The information was supplied: the suspension ends that day.</summary>
    CompleteInformationRequest,

    /// <summary>The one Awb 4:14 extension of the first decision's term, or the Awb 7:10 delay of the decision on objection.</summary>
    RecordExtension,

    /// <summary>A grant: the decision letter's date, validity, search profile.</summary>
    RecordGrant,

    /// <summary>A refusal: its date and reason; a reason Outflow judges improper is flagged.</summary>
    RecordRefusal,

    /// <summary>An objection: its date and whether an advisory committee hears it; sets the 7:10 term.</summary>
    RecordObjection,

    OpenOffer,

    /// <summary>Close the open offer with the outcome this step gives it.</summary>
    CloseOffer,

    /// <summary>She moved: the resident's outflow.</summary>
    RecordOutflow,

    /// <summary>Recompute the decision's due date from the facts.</summary>
    RecomputeDueDate,

    /// <summary>The step means nothing without its note (the reason of an extension, the grounds of a contest).</summary>
    NoteRequired,
}

/// <summary>The table of effects: for each step, what it records (docs/architecture.md).</summary>
public static class RequestEffects
{
    private static readonly Dictionary<RequestAction, StepEffect[]> Table = new()
    {
        [RequestAction.File] = [StepEffect.RecordFiling, StepEffect.RecomputeDueDate],
        [RequestAction.MarkReceived] = [StepEffect.RecordReceipt, StepEffect.RecomputeDueDate],
        [RequestAction.RequestInformation] = [StepEffect.OpenInformationRequest, StepEffect.RecomputeDueDate],
        [RequestAction.SupplyInformation] = [StepEffect.CompleteInformationRequest, StepEffect.RecomputeDueDate],
        [RequestAction.RecordInformationReceived] = [StepEffect.CompleteInformationRequest, StepEffect.RecomputeDueDate],
        [RequestAction.ExtendTerm] = [StepEffect.NoteRequired, StepEffect.RecordExtension, StepEffect.RecomputeDueDate],
        [RequestAction.Grant] = [StepEffect.RecordGrant],
        [RequestAction.Refuse] = [StepEffect.RecordRefusal],
        [RequestAction.FileObjection] = [StepEffect.RecordObjection],
        [RequestAction.MakeOffer] = [StepEffect.OpenOffer],
        [RequestAction.WithdrawOffer] = [StepEffect.CloseOffer],
        [RequestAction.AcceptOffer] = [StepEffect.CloseOffer],
        [RequestAction.DeclineOffer] = [StepEffect.CloseOffer],
        [RequestAction.ResumeSearch] = [],
        [RequestAction.MarkHoused] = [StepEffect.RecordOutflow],
        [RequestAction.Withdraw] = [],
        [RequestAction.ContestReceipt] = [StepEffect.NoteRequired],
    };

    public static IReadOnlyList<StepEffect> For(RequestAction action) => Table[action];

    public static bool Has(RequestAction action, StepEffect effect) => Table[action].Contains(effect);

    /// <summary>The outcome a closing step gives the open offer.</summary>
    public static string? OfferOutcome(RequestAction action) => action switch
    {
        RequestAction.AcceptOffer => "Accepted",
        RequestAction.DeclineOffer => "Declined",
        RequestAction.WithdrawOffer => "Withdrawn",
        _ => null,
    };

    /// <summary>Whether a step changes the last step date (a contest is a note, not a step of the procedure).</summary>
    public static bool IsProcedureStep(RequestAction action) => action != RequestAction.ContestReceipt;
}
