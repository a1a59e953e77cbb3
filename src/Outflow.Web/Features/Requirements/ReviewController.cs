using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed record ReviewPage(IReadOnlyList<ReviewRow> Rows, IReadOnlyList<RequirementTypeOption> Types);

[Authorize(Policy = Policies.Admin)]
[Route("admin/requirements")]
public sealed class ReviewController(ClassifyRequirement classify, RequirementCatalogue catalogue) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View("~/Features/Requirements/Review.cshtml", new ReviewPage(await classify.ToReviewAsync(CurrentUser.From(User), cancellationToken), await catalogue.TypesAsync(cancellationToken)));

    [HttpPost("{id:guid}/classify")]
    public async Task<IActionResult> Classify(Guid id, string? typeCode, CancellationToken cancellationToken)
    {
        if (typeCode is null || !await classify.ClassifyAsync(CurrentUser.From(User), id, typeCode, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetFlash("Flash.RequirementClassified");
        return Redirect("/admin/requirements");
    }
}
