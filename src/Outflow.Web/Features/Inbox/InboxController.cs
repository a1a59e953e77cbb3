using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;

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
}
