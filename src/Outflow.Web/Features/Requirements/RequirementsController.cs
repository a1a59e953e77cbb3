using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Core;
using Outflow.Core.Requests;
using Outflow.Web.Features.Requests;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

[Authorize(Roles = Roles.Counsellor + "," + Roles.Responder)]
public sealed class RequirementsController(RecordRequirement record, DraftLetter letters, RequestDetails details, IStringLocalizer<SharedResource> localizer) : Controller
{
    private CurrentUser CurrentUser => Infrastructure.Auth.CurrentUser.From(User);

    [HttpPost("requests/{reference}/requirements")]
    public async Task<IActionResult> Record(string reference, [Bind(Prefix = "RequirementForm")] RequirementForm form, CancellationToken cancellationToken)
    {
        if (RequestViewpoint.For(User) is not { } viewpoint)
        {
            return Forbid();
        }

        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var outcome = await record.RecordAsync(CurrentUser, viewpoint, reference, form, cancellationToken);
            switch (outcome.Status)
            {
                case ChangeResult.NotFound:
                    return NotFound();
                case ChangeResult.Changed:
                    TempData.SetFlash("Flash.RequirementRecorded");
                    return Redirect($"/requests/{reference}#requirements");
                default:
                    ModelState.AddOutcomeErrors(outcome, localizer, fieldPrefix: "RequirementForm.");
                    break;
            }
        }

        var view = await details.LoadAsync(CurrentUser, viewpoint, reference, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        ViewData["RequirementForm"] = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("~/Features/Requests/Details.cshtml", view);
    }

    /// <summary>
    /// Step one of the two-step form (works without JavaScript): propose a type from the wording,
    /// with the words that matched, and show the form again with the proposal selected. Nothing is
    /// saved; recording stores the suggestion next to the counsellor's choice.
    /// </summary>
    [HttpPost("requests/{reference}/requirements/suggest")]
    public async Task<IActionResult> Suggest(string reference, [Bind(Prefix = "RequirementForm")] RequirementForm form, CancellationToken cancellationToken)
    {
        if (RequestViewpoint.For(User) is not { } viewpoint)
        {
            return Forbid();
        }

        var view = CaseReference.IsWellFormed(reference) ? await details.LoadAsync(CurrentUser, viewpoint, reference, cancellationToken) : null;
        if (view is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(form.Wording))
        {
            ModelState.AddModelError("RequirementForm.Wording", localizer["Validation.Required", localizer["Field.Wording"]]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            var suggestions = Outflow.Core.Requirements.RequirementClassifier.Suggest(form.Wording);
            ViewData["Suggestions"] = suggestions;
            form.TypeCode = suggestions.FirstOrDefault()?.TypeCode ?? form.TypeCode;
        }

        ViewData["RequirementForm"] = form;
        return View("~/Features/Requests/Details.cshtml", view);
    }

    /// <summary>
    /// The live suggestion (progressive enhancement of the two-step form above): wwwroot/js/requirement-suggestion.js
    /// posts the wording as she types, with the form's anti-forgery token, and shows the answer. A POST, so the
    /// wording (which may name people or places) never lands in a URL or a request log. Nothing is saved.
    /// </summary>
    [HttpPost("requests/{reference}/requirements/suggestion")]
    [RequestSizeLimit(64 * 1024)]
    public async Task<IActionResult> LiveSuggestion(string reference, [Bind(Prefix = "RequirementForm")] RequirementForm form, [FromServices] RequirementCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (RequestViewpoint.For(User) is not { } viewpoint)
        {
            return Forbid();
        }

        if (!CaseReference.IsWellFormed(reference) || await details.FindAsync(CurrentUser, viewpoint, reference, cancellationToken) is null)
        {
            return NotFound();
        }

        var wording = form.Wording?.Trim() ?? "";
        if (wording.Length == 0 || wording.Length > 2000)
        {
            var message = wording.Length == 0
                ? localizer["Validation.Required", localizer["Field.Wording"]]
                : localizer["Validation.MaxLength", localizer["Field.Wording"], 2000];
            return UnprocessableEntity(new LiveSuggestionAnswer(null, null, message.Value, null, null));
        }

        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var types = await catalogue.TypesAsync(cancellationToken);
        string NameOf(string code) => types.FirstOrDefault(t => t.Code == code)?.Name(english) ?? code;
        var suggestions = Outflow.Core.Requirements.RequirementClassifier.Suggest(wording);
        if (suggestions.Count == 0)
        {
            return Json(new LiveSuggestionAnswer(null, null, localizer["Requirement.NoSuggestion"].Value, null, null));
        }

        var top = suggestions[0];
        return Json(new LiveSuggestionAnswer(
            top.TypeCode,
            localizer["Requirement.Suggestion"].Value + " " + NameOf(top.TypeCode),
            localizer["Requirement.SuggestionReason", string.Join(", ", top.MatchedWords.Select(w => "“" + w + "”"))].Value,
            suggestions.Count > 1 ? localizer["Requirement.AlsoPossible"].Value + " " + string.Join("; ", suggestions.Skip(1).Select(x => NameOf(x.TypeCode))) : null,
            localizer["Requirement.ConfirmOrPick"].Value));
    }

    /// <summary>Correct a requirement's type or wording, or withdraw it as recorded in error, with a reason (issue 18).</summary>
    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("requests/{reference}/requirements/{id:guid}/correct")]
    public async Task<IActionResult> Correct(string reference, Guid id, CorrectRequirementForm form, [FromServices] CorrectRequirement correct, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var outcome = await correct.ApplyAsync(CurrentUser, reference, id, form, cancellationToken);
            switch (outcome.Status)
            {
                case ChangeResult.NotFound:
                    return NotFound();
                case ChangeResult.Changed:
                    TempData.SetFlash(form.Mode == "withdraw" ? "Flash.RequirementWithdrawn" : "Flash.RequirementCorrected");
                    return Redirect($"/requests/{reference}#rq-{id}");
                default:
                    ModelState.AddOutcomeErrors(outcome, localizer);
                    break;
            }
        }

        var view = await details.LoadAsync(CurrentUser, ActorRole.Counsellor, reference, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        ViewData["CorrectForm"] = (id, form);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View("~/Features/Requests/Details.cshtml", view);
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("requests/{reference}/requirements/{id:guid}/letter")]
    public async Task<IActionResult> Draft(string reference, Guid id, CancellationToken cancellationToken)
    {
        var letterId = CaseReference.IsWellFormed(reference) ? await letters.DraftAsync(CurrentUser, reference, id, cancellationToken) : null;
        return letterId is null ? NotFound() : Redirect($"/requests/{reference}/letters/{letterId}");
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("requests/{reference}/letters/{id:guid}")]
    public async Task<IActionResult> Letter(string reference, Guid id, CancellationToken cancellationToken)
    {
        var letter = CaseReference.IsWellFormed(reference) ? await letters.LoadAsync(CurrentUser, reference, id, cancellationToken) : null;
        return letter is null ? NotFound() : View(letter);
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("requests/{reference}/letters/{id:guid}.txt")]
    public async Task<IActionResult> LetterText(string reference, Guid id, CancellationToken cancellationToken)
    {
        var letter = CaseReference.IsWellFormed(reference) ? await letters.LoadAsync(CurrentUser, reference, id, cancellationToken) : null;
        return letter is null ? NotFound() : File(Encoding.UTF8.GetBytes(letter.Body), "text/plain; charset=utf-8", $"brief-{reference}.txt");
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("requests/{reference}/letters/{id:guid}.docx")]
    public async Task<IActionResult> LetterWord(string reference, Guid id, CancellationToken cancellationToken)
    {
        var letter = CaseReference.IsWellFormed(reference) ? await letters.LoadAsync(CurrentUser, reference, id, cancellationToken) : null;
        return letter is null ? NotFound() : File(Letters.WordDocument.FromText(letter.Body, $"Brief {reference}"), Letters.WordDocument.ContentType, $"brief-{reference}.docx");
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("requests/{reference}/letters/{id:guid}/edit")]
    public async Task<IActionResult> EditLetter(string reference, Guid id, Letters.LetterEditForm form, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var outcome = await letters.EditAsync(CurrentUser, reference, id, form, cancellationToken);
        if (outcome.Status == ChangeResult.NotFound)
        {
            return NotFound();
        }

        if (outcome.Status == ChangeResult.Changed)
        {
            TempData.SetFlash("Flash.LetterSaved");
            return Redirect($"/requests/{reference}/letters/{id}");
        }

        ModelState.AddOutcomeErrors(outcome, localizer, "Conflict.Letter");
        var letter = await letters.LoadAsync(CurrentUser, reference, id, cancellationToken);
        if (letter is null)
        {
            return NotFound();
        }

        ViewData["PostedBody"] = form.Body;
        Response.StatusCode = outcome.Status == ChangeResult.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Letter), letter);
    }
}

/// <summary>What the live suggestion shows: texts ready for the page (localised here, set as text by the script) and the type to preselect.</summary>
public sealed record LiveSuggestionAnswer(string? TypeCode, string? Suggestion, string? Reason, string? AlsoPossible, string? Confirm);
