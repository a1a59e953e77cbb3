using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Reports;

/// <summary>Aggregates only: no route here returns a case reference, initials, birth year or address.</summary>
[Authorize(Roles = Roles.PolicyAnalyst + "," + Roles.Admin)]
[Route("reports")]
public sealed class ReportsController(BlockageReport report) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return View(await report.LoadAsync(query, cancellationToken));
    }
}
