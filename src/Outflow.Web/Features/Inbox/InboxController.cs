using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Inbox;

[Authorize(Policy = Policies.Responder)]
[Route("inbox")]
public sealed class InboxController(ResponderInbox inbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] InboxQuery query, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return View(await inbox.LoadAsync(CurrentUser.From(User), query, cancellationToken));
    }

    [HttpGet("{reference}/assign")]
    public async Task<IActionResult> Assign(string reference, [FromServices] AssignRequest assign, CancellationToken cancellationToken)
    {
        var view = CaseReference.IsWellFormed(reference) ? await assign.LoadAsync(CurrentUser.From(User), reference, cancellationToken) : null;
        return view is null ? NotFound() : View(view);
    }

    [HttpPost("{reference}/assign")]
    public async Task<IActionResult> Assign(string reference, AssignForm form, [FromServices] AssignRequest assign, CancellationToken cancellationToken)
    {
        if (!CaseReference.IsWellFormed(reference))
        {
            return NotFound();
        }

        var user = CurrentUser.From(User);
        var outcome = ModelState.IsValid ? await assign.AssignAsync(user, reference, form, cancellationToken) : AssignOutcome.NotAColleague;
        if (outcome == AssignOutcome.Done)
        {
            TempData.SetFlash(form.AssignedUserId is null ? "Flash.Unassigned" : "Flash.Assigned");
            return Redirect("/inbox");
        }

        var view = outcome == AssignOutcome.NotFound ? null : await assign.LoadAsync(user, reference, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(view with { ErrorKey = outcome == AssignOutcome.Conflict ? "Assign.Conflict" : "Assign.NotAColleague" });
    }
}
