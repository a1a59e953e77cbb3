using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Core;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Residents;

[Authorize(Policy = Policies.Counsellor)]
[Route("residents")]
public sealed class ResidentsController(IStringLocalizer<SharedResource> localizer, Clock clock, MunicipalityList municipalities) : Controller
{
    private CurrentUser CurrentUser => Infrastructure.Auth.CurrentUser.From(User);

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ResidentDashboardQuery query, [FromServices] ResidentDashboard dashboard, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a malformed filter falls back to its default; the list still shows
        return View(await dashboard.LoadAsync(CurrentUser, query, cancellationToken));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Register(CancellationToken cancellationToken)
    {
        await LoadOptionsAsync(cancellationToken);
        return View(new RegisterResidentForm { Id = clock.NewId(), IntakeDate = clock.Today });
    }

    [HttpPost("new")]
    public async Task<IActionResult> Register(RegisterResidentForm form, [FromServices] RegisterResident register, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await register.RegisterAsync(CurrentUser, form, cancellationToken);
            if (result.Reference is not null)
            {
                TempData.SetFlash("Flash.ResidentRegistered");
                return RedirectToAction(nameof(Details), new { reference = result.Reference });
            }

            ModelState.AddViolations(result.Violations, localizer);
        }
        else
        {
            // One round: the range and date rules report together with the missing fields.
            ModelState.AddViolations(await form.ValidateAsync(clock.Today, municipalities, cancellationToken), localizer);
        }

        await LoadOptionsAsync(cancellationToken);
        return View(form);
    }

    [HttpGet("{reference}")]
    public async Task<IActionResult> Details(string reference, [FromServices] ResidentDetails details, CancellationToken cancellationToken)
    {
        var view = CaseReference.IsWellFormed(reference) ? await details.LoadAsync(CurrentUser, reference, cancellationToken) : null;
        return view is null ? NotFound() : View(view);
    }

    [HttpGet("{reference}/edit")]
    public async Task<IActionResult> Edit(string reference, [FromServices] EditResident edit, CancellationToken cancellationToken)
    {
        var form = CaseReference.IsWellFormed(reference) ? await edit.LoadFormAsync(CurrentUser, reference, cancellationToken) : null;
        if (form is null)
        {
            return NotFound();
        }

        await LoadOptionsAsync(cancellationToken);
        ViewData["Reference"] = reference;
        return View(form);
    }

    [HttpPost("{reference}/edit")]
    public async Task<IActionResult> Edit(string reference, EditResidentForm form, [FromServices] EditResident edit, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var outcome = await edit.SaveAsync(CurrentUser, reference, form, cancellationToken);
            switch (outcome.Status)
            {
                case SaveStatus.NotFound:
                    return NotFound();
                case SaveStatus.Saved:
                    TempData.SetFlash("Flash.ResidentSaved");
                    return RedirectToAction(nameof(Details), new { reference });
                case SaveStatus.Conflict:
                    ModelState.AddModelError("", localizer["Conflict.Resident"]);
                    break;
                default:
                    ModelState.AddViolations(outcome.Violations, localizer);
                    break;
            }
        }
        else
        {
            ModelState.AddViolations(await form.ValidateAsync(clock.Today, municipalities, cancellationToken), localizer);
        }

        await LoadOptionsAsync(cancellationToken);
        ViewData["Reference"] = reference;
        return View(form);
    }

    [HttpGet("{reference}/handover")]
    public async Task<IActionResult> Handover(string reference, [FromServices] ResidentCaseload caseload, CancellationToken cancellationToken)
    {
        var view = CaseReference.IsWellFormed(reference) ? await caseload.LoadAsync(CurrentUser, reference, cancellationToken) : null;
        return view is null ? NotFound() : View(view);
    }

    [HttpPost("{reference}/handover")]
    public async Task<IActionResult> Handover(string reference, HandoverForm form, [FromServices] ResidentCaseload caseload, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var outcome = ModelState.IsValid ? await caseload.HandOverAsync(CurrentUser, reference, form, cancellationToken) : HandoverOutcome.NotAColleague;
        if (outcome == HandoverOutcome.Done)
        {
            TempData.SetFlash("Flash.HandedOver");
            return RedirectToAction(nameof(Details), new { reference });
        }

        var view = outcome == HandoverOutcome.NotFound ? null : await caseload.LoadAsync(CurrentUser, reference, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(view with { ErrorKey = outcome == HandoverOutcome.Conflict ? "Caseload.Conflict" : "Caseload.NotAColleague" });
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken) =>
        ViewData["Municipalities"] = await municipalities.CurrentAsync(cancellationToken);
}
