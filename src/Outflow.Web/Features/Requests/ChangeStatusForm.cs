using System.ComponentModel.DataAnnotations;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>A workflow step as posted from the request page, with the details some steps carry.</summary>
public sealed class ChangeStatusForm
{
    /// <summary>
    /// The ids of this form's fields on the request page, where one form per action carries the
    /// action in its ids (date-File, note-Grant): the error summary at the submitted form links there.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FieldIds(string action) => new Dictionary<string, string>
    {
        [nameof(Date)] = "date-" + action,
        [nameof(BodyReference)] = "bodyref-" + action,
        [nameof(Question)] = "question-" + action,
        [nameof(ReplyBy)] = "replyby-" + action,
        [nameof(ValidityMonths)] = "validity-" + action,
        [nameof(SearchProfile)] = "profile-" + action,
        [nameof(ValidFor)] = "validfor-" + action,
        [nameof(RefusalReason)] = "reason-" + action,
        [nameof(ConfirmImproperRefusal)] = "confirmrefusal-" + action,
        [nameof(AdvisoryCommittee)] = "committee-" + action,
        [nameof(DwellingReference)] = "dwelling-" + action,
        [nameof(Address)] = "address-" + action,
        [nameof(ViewingDate)] = "viewing-" + action,
        [nameof(OfferReplyBy)] = "offerreply-" + action,
        [nameof(Weeks)] = "weeks-" + action,
        [nameof(Note)] = "note-" + action,
        [nameof(Confirmed)] = "confirm-" + action,
    };

    [Required(ErrorMessage = "Validation.Required")]
    public RequestAction? Action { get; set; }

    public int Version { get; set; }

    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }

    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }

    /// <summary>With RequestInformation: what is asked (encrypted; shown to the counsellor in her queue).</summary>
    [StringLength(2000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Question")]
    public string? Question { get; set; }

    /// <summary>With receipt or a decision: the body's own reference (kenmerk) of the request, quoted in letters.</summary>
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.BodyReference")]
    public string? BodyReference { get; set; }

    /// <summary>With FileObjection: an advisory committee (Awb 7:13) hears the objection, so the term is twelve weeks.</summary>
    [Display(Name = "Field.AdvisoryCommittee")]
    public bool AdvisoryCommittee { get; set; }

    /// <summary>The explicit confirmation an irreversible step needs.</summary>
    [Display(Name = "Field.Confirmed")]
    public bool Confirmed { get; set; }

    /// <summary>The responder confirms a refusal on a ground Outflow flags.</summary>
    [Display(Name = "Field.ConfirmImproperRefusal")]
    public bool ConfirmImproperRefusal { get; set; }

    /// <summary>With RequestInformation: the date by which the information is asked (the hersteltermijn, Awb 4:5).</summary>
    [Display(Name = "Field.ReplyBy")]
    public DateOnly? ReplyBy { get; set; }

    /// <summary>With Grant: the validity of the urgency statement (default: the scheme's).</summary>
    [Range(1, 120, ErrorMessage = "Requirement.ValidityRange")]
    [Display(Name = "Field.ValidityMonths")]
    public int? ValidityMonths { get; set; }

    /// <summary>With Grant: the search profile (area, municipalities, dwelling size).</summary>
    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.SearchProfile")]
    public string? SearchProfile { get; set; }

    /// <summary>With Grant: the corporation(s) the statement is valid for.</summary>
    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.ValidWith")]
    public string? ValidFor { get; set; }

    /// <summary>With Refuse: why.</summary>
    [Display(Name = "Field.RefusalReason")]
    public RefusalReason? RefusalReason { get; set; }

    /// <summary>With MakeOffer: the landlord's reference of the dwelling.</summary>
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DwellingReference")]
    public string? DwellingReference { get; set; }

    /// <summary>With MakeOffer: the address (encrypted: it is where she will live).</summary>
    [StringLength(300, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Address")]
    public string? Address { get; set; }

    [Display(Name = "Field.ViewingDate")]
    public DateOnly? ViewingDate { get; set; }

    [Display(Name = "Field.OfferReplyBy")]
    public DateOnly? OfferReplyBy { get; set; }

    /// <summary>With ExtendTerm: the extension in weeks (default: the scheme's, else 6).</summary>
    [Range(1, 52, ErrorMessage = "Request.ExtensionRange")]
    [Display(Name = "Field.ExtensionWeeks")]
    public int? Weeks { get; set; }
}

public sealed record ChangeOutcome(ChangeResult Status, RequestStatus? NewStatus, IReadOnlyList<RuleViolation> Violations)
{
    /// <summary>With a refusal on a flagged ground: the verdict the responder must confirm.</summary>
    public RefusalCheck.Result? Refusal { get; init; }

    public static readonly ChangeOutcome NotFound = new(ChangeResult.NotFound, null, []);
    public static readonly ChangeOutcome Conflict = new(ChangeResult.Conflict, null, []);

    public static ChangeOutcome Changed(RequestStatus to) => new(ChangeResult.Changed, to, []);

    public static ChangeOutcome Invalid(IReadOnlyList<RuleViolation> violations) => new(ChangeResult.Invalid, null, violations);
}

public enum ChangeResult
{
    Changed,
    Invalid,
    Conflict,
    NotFound,
}

public static class ChangeOutcomeExtensions
{
    /// <summary>Puts a refused change on the form: a conflict as one message at the top, broken rules at their fields.</summary>
    public static void AddOutcomeErrors(
        this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, ChangeOutcome outcome,
        Microsoft.Extensions.Localization.IStringLocalizer localizer, string conflictKey = "Conflict.Request", string fieldPrefix = "")
    {
        if (outcome.Status == ChangeResult.Conflict)
        {
            modelState.AddModelError("", localizer[conflictKey]);
            return;
        }

        modelState.AddViolations(outcome.Violations.Select(v => v with { Field = fieldPrefix + v.Field }), localizer);
    }
}
