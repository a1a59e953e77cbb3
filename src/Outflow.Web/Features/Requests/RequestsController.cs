using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Core;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

[Authorize(Roles = Roles.Counsellor + "," + Roles.Responder)]
public sealed class RequestsController(IStringLocalizer<SharedResource> localizer, Clock clock, RequestDetails details) : Controller
{
    private CurrentUser CurrentUser => Infrastructure.Auth.CurrentUser.From(User);

    /// <summary>Two steps without JavaScript: first the municipality, then who decides there.</summary>
    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("residents/{reference}/requests/new")]
    public async Task<IActionResult> New(string reference, string? municipalityCode, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var form = new NewRequestForm { Id = clock.NewId(), MunicipalityCode = string.IsNullOrWhiteSpace(municipalityCode) ? null : municipalityCode };
        await LoadOptionsAsync(form.MunicipalityCode, cancellationToken);
        ViewData["ResidentReference"] = reference;
        return View(form);
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("residents/{reference}/requests/new")]
    public async Task<IActionResult> New(string reference, NewRequestForm form, [FromServices] NewRequest newRequest, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await newRequest.CreateAsync(CurrentUser, reference, form, cancellationToken);
            if (!result.Found)
            {
                return NotFound();
            }

            if (result.Reference is not null)
            {
                TempData.SetFlash("Flash.RequestCreated");
                return RedirectToAction(nameof(Details), new { reference = result.Reference });
            }

            ModelState.AddViolations(result.Violations, localizer);
        }

        await LoadOptionsAsync(form.MunicipalityCode, cancellationToken);
        ViewData["ResidentReference"] = reference;
        return View(form);
    }

    [HttpGet("requests/{reference}")]
    public async Task<IActionResult> Details(string reference, CancellationToken cancellationToken)
    {
        if (RequestViewpoint.For(User) is not { } viewpoint)
        {
            return Forbid();
        }

        var view = CaseReference.IsWellFormed(reference) ? await details.LoadAsync(CurrentUser, viewpoint, reference, cancellationToken) : null;
        return view is null ? NotFound() : View(view);
    }

    [HttpPost("requests/{reference}/status")]
    public async Task<IActionResult> ChangeStatus(string reference, ChangeStatusForm form, [FromServices] ChangeRequestStatus change, CancellationToken cancellationToken)
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
            var outcome = await change.ApplyAsync(CurrentUser, viewpoint, reference, form, cancellationToken);
            switch (outcome.Status)
            {
                case ChangeResult.NotFound:
                    return NotFound();
                case ChangeResult.Changed:
                    TempData.SetFlash("Flash.StatusChanged");
                    return RedirectToAction(nameof(Details), new { reference });
                default:
                    ModelState.AddOutcomeErrors(outcome, localizer);
                    ViewData["RefusalCheck"] = outcome.Refusal;
                    break;
            }
        }

        // Show the current state with the error; the typed note and date stay in the form.
        var view = await details.LoadAsync(CurrentUser, viewpoint, reference, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        ViewData["PostedForm"] = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Details), view);
    }

    /// <summary>Drafts the notice of default for the term that has passed (one click); a second click finds the first.</summary>
    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("requests/{reference}/notices")]
    public async Task<IActionResult> DraftNotice(string reference, int version, [FromServices] DefaultNotices notices, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var (id, found) = await notices.DraftAsync(CurrentUser, reference, version, cancellationToken);
        if (!found)
        {
            return NotFound();
        }

        if (id is null)
        {
            TempData.SetFlash("Notice.NotPossible");
            return RedirectToAction(nameof(Details), new { reference });
        }

        return RedirectToAction(nameof(Notice), new { reference, id });
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("requests/{reference}/notices/{id:guid}")]
    public async Task<IActionResult> Notice(string reference, Guid id, [FromServices] DefaultNotices notices, CancellationToken cancellationToken)
    {
        var view = CaseReference.IsWellFormed(reference) ? await notices.LoadAsync(CurrentUser, Core.Requests.ActorRole.Counsellor, reference, id, cancellationToken) : null;
        return view is null ? NotFound() : View(view);
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("requests/{reference}/notices/{id:guid}/letter.txt")]
    public async Task<IActionResult> NoticeText(string reference, Guid id, [FromServices] DefaultNotices notices, CancellationToken cancellationToken)
    {
        var view = CaseReference.IsWellFormed(reference) ? await notices.LoadAsync(CurrentUser, Core.Requests.ActorRole.Counsellor, reference, id, cancellationToken) : null;
        return view is null ? NotFound() : File(System.Text.Encoding.UTF8.GetBytes(view.Letter), "text/plain; charset=utf-8", $"ingebrekestelling-{reference}.txt");
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("requests/{reference}/notices/{id:guid}/letter.docx")]
    public async Task<IActionResult> NoticeWord(string reference, Guid id, [FromServices] DefaultNotices notices, CancellationToken cancellationToken)
    {
        var view = CaseReference.IsWellFormed(reference) ? await notices.LoadAsync(CurrentUser, Core.Requests.ActorRole.Counsellor, reference, id, cancellationToken) : null;
        return view is null ? NotFound() : File(Letters.WordDocument.FromText(view.Letter, $"Ingebrekestelling {reference}"), Letters.WordDocument.ContentType, $"ingebrekestelling-{reference}.docx");
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("requests/{reference}/notices/{id:guid}/letter")]
    public async Task<IActionResult> EditNotice(string reference, Guid id, Letters.LetterEditForm form, [FromServices] DefaultNotices notices, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var outcome = await notices.EditAsync(CurrentUser, reference, id, form, cancellationToken);
        if (outcome.Status == ChangeResult.NotFound)
        {
            return NotFound();
        }

        if (outcome.Status == ChangeResult.Changed)
        {
            TempData.SetFlash("Flash.LetterSaved");
            return RedirectToAction(nameof(Notice), new { reference, id });
        }

        ModelState.AddOutcomeErrors(outcome, localizer, "Conflict.Letter");
        var view = await notices.LoadAsync(CurrentUser, Core.Requests.ActorRole.Counsellor, reference, id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        ViewData["PostedBody"] = form.Body;
        Response.StatusCode = outcome.Status == ChangeResult.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Notice), view);
    }

    [Authorize(Policy = Policies.Counsellor)]
    [HttpPost("requests/{reference}/notices/{id:guid}")]
    public async Task<IActionResult> RecordNotice(string reference, Guid id, NoticeSentForm form, [FromServices] DefaultNotices notices, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var outcome = await notices.RecordSentAsync(CurrentUser, reference, id, form, cancellationToken);
            switch (outcome.Status)
            {
                case ChangeResult.NotFound:
                    return NotFound();
                case ChangeResult.Changed:
                    TempData.SetFlash("Flash.NoticeRecorded");
                    return RedirectToAction(nameof(Details), new { reference });
                default:
                    ModelState.AddOutcomeErrors(outcome, localizer);
                    break;
            }
        }

        var view = await notices.LoadAsync(CurrentUser, Core.Requests.ActorRole.Counsellor, reference, id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        ViewData["PostedForm"] = form;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Notice), view);
    }

    private async Task LoadOptionsAsync(string? municipalityCode, CancellationToken cancellationToken)
    {
        var services = HttpContext.RequestServices;
        var municipalities = await services.GetRequiredService<MunicipalityList>().CurrentAsync(cancellationToken);
        ViewData["Municipalities"] = municipalities;
        var chosen = municipalities.FirstOrDefault(m => m.Code == municipalityCode);
        ViewData["Municipality"] = chosen;
        var choice = chosen is null ? null : await services.GetRequiredService<AddressableBodies>().ForAsync(chosen.Code, clock.Today, cancellationToken);
        ViewData["Choice"] = choice;
        ViewData["Organisations"] = choice?.Bodies ?? Array.Empty<OrganisationOption>();
        ViewData["Grounds"] = await services.GetRequiredService<UrgencyGroundList>().GroundsInForceAsync(clock.Today, cancellationToken);
    }
}
