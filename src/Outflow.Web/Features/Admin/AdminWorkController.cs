using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

/// <summary>The platform administrator's home and the outbox page (issue 19).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin")]
public sealed class AdminWorkController(AdminWork work, OutboxFailures outbox) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Features/Admin/Work.cshtml", await work.LoadAsync(cancellationToken));

    [HttpGet("outbox")]
    public async Task<IActionResult> Outbox(DateTime? afterAt, Guid? afterId, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a malformed paging value starts at the first page
        return View("~/Features/Admin/Outbox.cshtml", await outbox.LoadAsync(afterAt, afterAt is null ? null : afterId, cancellationToken));
    }

    [HttpPost("outbox/{id:guid}/retry")]
    public async Task<IActionResult> Retry(Guid id, CancellationToken cancellationToken)
    {
        TempData.SetFlash(await outbox.RetryAsync(CurrentUser.From(User), id, cancellationToken) ? "Outbox.Retried" : "Outbox.NotFailed");
        return Redirect("/admin/outbox");
    }
}
