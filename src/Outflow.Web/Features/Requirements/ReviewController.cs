using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requirements;

public sealed record ReviewPage(IReadOnlyList<ReviewRow> Rows, IReadOnlyList<RequirementTypeOption> Types);

public sealed record ReassessmentPage(long Pending, IReadOnlyList<ReassessmentRun> Runs, ReassessmentOutcome? Last);

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
        if (string.IsNullOrWhiteSpace(typeCode))
        {
            // No type is preselected: submitting without a choice is a clear message, not an error page.
            TempData.SetFlash("Review.ChooseType");
            return Redirect("/admin/requirements");
        }

        if (!await classify.ClassifyAsync(CurrentUser.From(User), id, typeCode, cancellationToken))
        {
            return NotFound();
        }

        TempData.SetFlash("Flash.RequirementClassified");
        return Redirect("/admin/requirements");
    }

    /// <summary>The one-time re-assessment under the Huisvestingswet of 1 July 2026 (issue 20): what is pending and every run so far.</summary>
    [HttpGet("reassessment")]
    public async Task<IActionResult> Reassessment([FromServices] ReassessRequirements2026 job, CancellationToken cancellationToken) =>
        View("~/Features/Requirements/Reassessment.cshtml", new ReassessmentPage(await job.PendingAsync(cancellationToken), await job.RunsAsync(cancellationToken), null));

    [HttpPost("reassessment")]
    public async Task<IActionResult> Reassess([FromServices] ReassessRequirements2026 job, CancellationToken cancellationToken)
    {
        var outcome = await job.RunAsync(CurrentUser.From(User), cancellationToken);
        return View("~/Features/Requirements/Reassessment.cshtml", new ReassessmentPage(await job.PendingAsync(cancellationToken), await job.RunsAsync(cancellationToken), outcome));
    }
}
