using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Auth;

namespace Outflow.Web.Features.Reports;

/// <summary>Aggregates only: no route here returns a case reference, initials, birth year or address.</summary>
[Authorize(Roles = Roles.PolicyAnalyst + "," + Roles.Admin)]
[Route("reports")]
public sealed class ReportsController(BlockageReport report, ReportSnapshots snapshots) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return View(await report.LoadAsync(query, cancellationToken));
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        var page = await report.LoadAsync(query, cancellationToken);
        return File(Encoding.UTF8.GetBytes(ReportSnapshots.RegionsCsv(page, BedDays.DefinitionsVersion)), "text/csv; charset=utf-8", $"blokkade-{page.Year}-{page.Query.Division}.csv");
    }

    /// <summary>The live report as JSON, with the definitions version (machine-readable).</summary>
    [HttpGet("export.json")]
    public async Task<IActionResult> ExportJson([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        var page = await report.LoadAsync(query, cancellationToken);
        var json = System.Text.Json.JsonSerializer.Serialize(new { DefinitionsVersion = BedDays.DefinitionsVersion, Report = page }, ReportSnapshots.Json);
        return File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"blokkade-{page.Year}-{page.Query.Division}.json");
    }

    [HttpPost("snapshots")]
    public async Task<IActionResult> Freeze(ReportQuery query, CancellationToken cancellationToken)
    {
        var id = await snapshots.FreezeAsync(query, CurrentUser.From(User), "Manual", cancellationToken);
        return Redirect($"/reports/snapshots/{id}");
    }

    [HttpGet("snapshots/{id:guid}")]
    public async Task<IActionResult> Snapshot(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        return snapshot is null ? NotFound() : View(snapshot);
    }

    [HttpGet("snapshots/{id:guid}.json")]
    public async Task<IActionResult> SnapshotJson(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        return snapshot is null ? NotFound() : File(Encoding.UTF8.GetBytes(snapshot.ContentJson), "application/json; charset=utf-8", $"blokkade-{id}.json");
    }

    [HttpGet("snapshots/{id:guid}.csv")]
    public async Task<IActionResult> SnapshotCsv(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        return snapshot is null ? NotFound() : File(Encoding.UTF8.GetBytes(ReportSnapshots.RegionsCsv(snapshot.Report, snapshot.DefinitionsVersion)), "text/csv; charset=utf-8", $"blokkade-{id}.csv");
    }
}
