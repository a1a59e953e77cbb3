using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

public sealed record OwnOrganisationPage(
    OrganisationRow Organisation,
    bool RequireTwoFactor,
    IReadOnlyList<MemberRow> Members,
    IReadOnlyList<MemberActivityRow> Activity,
    IReadOnlyList<string> AssignableRoles,
    NewUserForm UserForm,
    DateOnly Today);

/// <summary>
/// The organisation's own administrator ("Beheerder organisatie"): her organisation's users, the
/// second-factor requirement, who did what to those users (the platform administrator included)
/// and the read log export for the organisation's data-protection officer. Never another organisation.
/// </summary>
[Authorize(Policy = Policies.OrganisationAdmin)]
[Route("organisation")]
public sealed class OrganisationUsersController(
    Organisations organisations,
    OrganisationMembers members,
    OrganisationSecurity security,
    ReadLogExport readLog,
    Clock clock,
    IStringLocalizer<SharedResource> localizer) : Controller
{
    private CurrentUser Me => CurrentUser.From(User);

    [HttpGet("users")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => await ShowAsync(null, cancellationToken);

    [HttpPost("users")]
    public async Task<IActionResult> AddUser([Bind(Prefix = "UserForm")] NewUserForm form, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(Me.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await members.AddAsync(Me, Manager.OrganisationAdmin, organisation, form, cancellationToken);
            if (result.Password is not null)
            {
                return View("/Features/Admin/UserCreated.cshtml", new UserCreatedPage(organisation, form.UserName!, result.Password) { BackUrl = "/organisation/users" });
            }

            ModelState.AddViolations(result.Violations.Select(v => v with { Field = "UserForm." + v.Field }), localizer);
            foreach (var error in result.IdentityErrors)
            {
                var text = localizer["Identity." + error.Code];
                ModelState.AddModelError("UserForm.UserName", text.ResourceNotFound ? localizer["Identity.Other"] : text);
            }
        }

        return await ShowAsync(form, cancellationToken);
    }

    [HttpPost("users/{userId:guid}/{change:regex(^(Lock|Unlock|ResetPassword|ResetTwoFactor)$)}")]
    public async Task<IActionResult> ChangeUser(Guid userId, OrganisationMembers.MemberAction change, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(Me.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        var (outcome, password) = await members.ApplyAsync(Me, Manager.OrganisationAdmin, organisation, userId, change, cancellationToken);
        switch (outcome)
        {
            case OrganisationMembers.ApplyOutcome.NotFound:
                return NotFound();
            case OrganisationMembers.ApplyOutcome.NotAllowed:
                return Forbid();
        }

        if (password is not null)
        {
            var userName = (await members.ListAsync(organisation.Id, cancellationToken)).Single(m => m.Id == userId).UserName;
            return View("/Features/Admin/UserCreated.cshtml", new UserCreatedPage(organisation, userName, password) { BackUrl = "/organisation/users" });
        }

        TempData.SetFlash("Flash.Saved");
        return Redirect("/organisation/users");
    }

    [HttpPost("users/{userId:guid}/role")]
    public async Task<IActionResult> ChangeRole(Guid userId, string? role, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(Me.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        var outcome = await members.ChangeRoleAsync(Me, Manager.OrganisationAdmin, organisation, userId, role ?? "", cancellationToken);
        if (outcome == OrganisationMembers.ApplyOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome == OrganisationMembers.ApplyOutcome.NotAllowed)
        {
            ModelState.AddModelError("", localizer["Admin.RoleDoesNotFit"]);
            return await ShowAsync(null, cancellationToken);
        }

        TempData.SetFlash("Flash.Saved");
        return Redirect("/organisation/users");
    }

    [HttpPost("two-factor")]
    public async Task<IActionResult> RequireTwoFactor(bool required, CancellationToken cancellationToken)
    {
        await security.SetRequireTwoFactorAsync(Me, required, cancellationToken);
        TempData.SetFlash("Flash.Saved");
        return Redirect("/organisation/users");
    }

    /// <summary>The read log of this organisation's users (ids only) for the data-protection officer.</summary>
    [HttpGet("read-log.csv")]
    public async Task<IActionResult> ReadLog(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var until = to ?? clock.Today;
        var since = from ?? until.AddDays(-31);
        if (since > until || until.DayNumber - since.DayNumber > 366 || since.Year < 2000)
        {
            return BadRequest();
        }

        var csv = await readLog.CsvAsync(Me.OrganisationId, since, until, cancellationToken);
        return File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"leeslog-{since:yyyy-MM-dd}-{until:yyyy-MM-dd}.csv");
    }

    private async Task<IActionResult> ShowAsync(NewUserForm? form, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(Me.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View("/Features/Admin/OwnOrganisation.cshtml", new OwnOrganisationPage(
            organisation,
            await security.RequiresTwoFactorAsync(organisation.Id, cancellationToken),
            await members.ListAsync(organisation.Id, cancellationToken),
            await members.ActivityAsync(organisation.Id, cancellationToken),
            await members.AssignableRolesAsync(Manager.OrganisationAdmin, organisation, cancellationToken),
            form ?? new NewUserForm(),
            clock.Today));
    }
}
