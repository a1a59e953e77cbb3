using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Signals;

[Authorize(Roles = Roles.Counsellor + "," + Roles.Responder)]
[Route("signals")]
public sealed class SignalsController(SignalInbox inbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await inbox.LoadAsync(CurrentUser.From(User), cancellationToken));

    [HttpPost("{id:guid}/read")]
    public async Task<IActionResult> MarkRead(Guid id, CancellationToken cancellationToken) =>
        await inbox.MarkReadAsync(CurrentUser.From(User), id, cancellationToken) ? Redirect("/signals") : NotFound();
}
