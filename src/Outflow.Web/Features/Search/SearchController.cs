using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Features.Requests;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Search;

/// <summary>The header's search box: a plain GET form, so it works without JavaScript and the result can be bookmarked.</summary>
[Authorize(Roles = Roles.Counsellor + "," + Roles.Responder)]
[Route("search")]
public sealed class SearchController(ResidentSearch search) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "q")] string? query, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var side = RequestViewpoint.For(User);
        if (side is null)
        {
            return Forbid();
        }

        return View(await search.SearchAsync(CurrentUser.From(User), side.Value, query, cancellationToken));
    }
}
