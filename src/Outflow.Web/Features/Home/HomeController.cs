using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Home;

public sealed class HomeController : Controller
{
    /// <summary>Sends each user to the page of their work.</summary>
    [Authorize]
    [HttpGet("/")]
    public IActionResult Index()
    {
        var viewpoint = Requests.RequestViewpoint.For(User);
        if (viewpoint == Core.Requests.ActorRole.Counsellor)
        {
            return Redirect("/today");
        }

        if (viewpoint == Core.Requests.ActorRole.Responder)
        {
            return Redirect("/inbox");
        }

        if (User.IsInRole(Roles.Admin))
        {
            return Redirect("/admin"); // the work waiting for the platform administrator (issue 19)
        }

        if (User.IsInRole(Roles.OrganisationAdmin) && !User.IsInRole(Roles.PolicyAnalyst))
        {
            return Redirect("/organisation/users");
        }

        return User.IsInRole(Roles.PolicyAnalyst) ? Redirect("/reports") : View();
    }

    /// <summary>The counsellor's landing page: what needs her today.</summary>
    [Authorize(Policy = Policies.Counsellor)]
    [HttpGet("/today")]
    public async Task<IActionResult> Today([FromQuery] WorkQueueQuery query, [FromServices] WorkQueue queue, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a malformed filter falls back to its default
        var page = await queue.LoadAsync(CurrentUser.From(User), query, cancellationToken);
        if (query.Scope == Core.WorkQueue.WorkScope.Mine)
        {
            HttpContext.Items[WorkQueue.CountsItem] = page.Counts; // the navigation badge shows the same counts: no second query
        }

        return View(page);
    }

    /// <summary>The language switch in the header: a plain form, so it works without JavaScript.</summary>
    [AllowAnonymous]
    [HttpPost("/culture")]
    public IActionResult SetCulture(string culture, string? returnUrl)
    {
        var chosen = culture == "en" ? Localization.English : Localization.Dutch;
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    /// <summary>Status pages re-execute with the original method, so this answers any method.</summary>
    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [Route("/error")]
    [Route("/error/{code:int}")]
    public IActionResult Error(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        return View("Error", status);
    }
}
