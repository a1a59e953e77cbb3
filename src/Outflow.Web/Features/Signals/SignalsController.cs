using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Signals;

[Authorize(Roles = Roles.Counsellor + "," + Roles.Responder)]
[Route("signals")]
public sealed class SignalsController(SignalInbox inbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] Home.WorkQueue queue, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(User);
        if (Requests.RequestViewpoint.For(User) == Core.Requests.ActorRole.Counsellor)
        {
            // the work on her queue, counted as on the landing page and the navigation badge
            var counts = await queue.CountAsync(user, Core.WorkQueue.WorkScope.Mine, cancellationToken);
            ViewData["WorkCounts"] = counts;
            HttpContext.Items[Home.WorkQueue.CountsItem] = counts;
        }

        return View(await inbox.LoadAsync(user, cancellationToken));
    }

    [HttpPost("{id:guid}/read")]
    public async Task<IActionResult> MarkRead(Guid id, CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(CurrentUser.From(User), id, cancellationToken) ? Redirect("/signals") : NotFound();
}
