using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Core.Organisations;
using Outflow.Web.Features.Reference;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

public sealed record OrganisationsPage(IReadOnlyList<OrganisationRow> Organisations, NewOrganisationForm Form, IReadOnlyList<MunicipalityOption> Municipalities);

public sealed record OrganisationPage(
    OrganisationRow Organisation,
    IReadOnlyList<MemberRow> Members,
    IReadOnlyList<(string Code, string Name)> LettingArea,
    IReadOnlyList<LocationRow> Locations,
    IReadOnlyList<MunicipalityOption> Municipalities,
    NewUserForm UserForm,
    LettingAreaForm LettingForm,
    CapacityForm CapacityForm,
    IReadOnlyList<string> AssignableRoles,
    bool MayResetCredentials);

public sealed record UserCreatedPage(OrganisationRow Organisation, string UserName, string Password)
{
    public string? BackUrl { get; init; }
}

[Authorize(Policy = Policies.Admin)]
[Route("admin/organisations")]
public sealed class AdminController(
    Organisations organisations,
    OrganisationMembers members,
    LettingArea letting,
    ShelterPlaces places,
    MunicipalityList municipalities,
    Clock clock,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private CurrentUser Admin => CurrentUser.From(User);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new OrganisationsPage(await organisations.ListAsync(cancellationToken), new NewOrganisationForm { Id = clock.NewId() }, await municipalities.CurrentAsync(cancellationToken)));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] NewOrganisationForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var violations = await organisations.CreateAsync(Admin, form, cancellationToken);
            if (violations.Count == 0)
            {
                TempData.SetFlash("Flash.OrganisationCreated");
                return RedirectToAction(nameof(Organisation), new { id = form.Id });
            }

            ModelState.AddViolations(violations.Select(v => v with { Field = "Form." + v.Field }), localizer);
        }

        return View(nameof(Index), new OrganisationsPage(await organisations.ListAsync(cancellationToken), form, await municipalities.CurrentAsync(cancellationToken)));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Organisation(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, null, null, null, cancellationToken);

    [HttpPost("{id:guid}/users")]
    public async Task<IActionResult> AddUser(Guid id, [Bind(Prefix = "UserForm")] NewUserForm form, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await members.AddAsync(Admin, Manager.PlatformAdmin, organisation, form, cancellationToken);
            if (result.Password is not null)
            {
                // Shown once, straight from the POST: never put in a redirect, cookie or log.
                return View("UserCreated", new UserCreatedPage(organisation, form.UserName!, result.Password));
            }

            ModelState.AddViolations(result.Violations.Select(v => v with { Field = "UserForm." + v.Field }), localizer);
            foreach (var error in result.IdentityErrors)
            {
                var text = localizer["Identity." + error.Code];
                ModelState.AddModelError("UserForm.UserName", text.ResourceNotFound ? localizer["Identity.Other"] : text);
            }
        }

        return await ShowAsync(id, form, null, null, cancellationToken);
    }

    [HttpPost("{id:guid}/users/{userId:guid}/{change:regex(^(Lock|Unlock|ResetPassword|ResetTwoFactor)$)}")]
    public async Task<IActionResult> ChangeUser(Guid id, Guid userId, OrganisationMembers.MemberAction change, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        var (outcome, password) = await members.ApplyAsync(Admin, Manager.PlatformAdmin, organisation, userId, change, cancellationToken);
        if (outcome == OrganisationMembers.ApplyOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == OrganisationMembers.ApplyOutcome.NotAllowed)
        {
            return Forbid();
        }

        if (password is not null)
        {
            var userName = (await members.ListAsync(id, cancellationToken)).Single(m => m.Id == userId).UserName;
            return View("UserCreated", new UserCreatedPage(organisation, userName, password));
        }

        TempData.SetFlash("Flash.Saved");
        return RedirectToAction(nameof(Organisation), new { id });
    }

    [HttpPost("{id:guid}/letting-area")]
    public async Task<IActionResult> SetLettingArea(Guid id, [Bind(Prefix = "LettingForm")] LettingAreaForm form, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!DecidingBodyRules.ServesMunicipalities(organisation.Type))
        {
            return BadRequest();
        }

        var violations = await letting.ReplaceAsync(Admin, id, form, cancellationToken);
        if (violations.Count == 0)
        {
            TempData.SetFlash("Flash.Saved");
            return RedirectToAction(nameof(Organisation), new { id });
        }

        ModelState.AddViolations(violations.Select(v => v with { Field = "LettingForm." + v.Field }), localizer);
        return await ShowAsync(id, null, form, null, cancellationToken);
    }

    [HttpPost("{id:guid}/places")]
    public async Task<IActionResult> RecordPlaces(Guid id, [Bind(Prefix = "CapacityForm")] CapacityForm form, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!OrganisationRules.HasShelterPlaces(organisation.Type))
        {
            return BadRequest();
        }

        if (ModelState.IsValid)
        {
            var violations = await places.RecordAsync(Admin, id, form, cancellationToken);
            if (violations.Count == 0)
            {
                TempData.SetFlash("Flash.Saved");
                return RedirectToAction(nameof(Organisation), new { id });
            }

            ModelState.AddViolations(violations.Select(v => v with { Field = v.Field.Length == 0 ? "" : "CapacityForm." + v.Field }), localizer);
        }

        return await ShowAsync(id, null, null, form, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, NewUserForm? userForm, LettingAreaForm? lettingForm, CapacityForm? capacityForm, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        var area = await letting.CurrentAsync(id, cancellationToken);
        return View(nameof(Organisation), new OrganisationPage(
            organisation,
            await members.ListAsync(id, cancellationToken),
            area,
            await places.HistoryAsync(id, cancellationToken),
            await municipalities.CurrentAsync(cancellationToken),
            userForm ?? new NewUserForm(),
            lettingForm ?? new LettingAreaForm { Codes = area.Select(a => a.Code).ToList() },
            capacityForm ?? new CapacityForm { EffectiveFrom = clock.Today },
            await members.AssignableRolesAsync(Manager.PlatformAdmin, organisation, cancellationToken),
            OrganisationMembers.MayResetCredentials(Manager.PlatformAdmin, organisation.Type)));
    }
}
