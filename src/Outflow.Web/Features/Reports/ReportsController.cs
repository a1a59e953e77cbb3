using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core.Metrics;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Reports;

/// <summary>Aggregates only: no route here returns a case reference, initials, birth year or address.</summary>
[Authorize(Roles = Roles.PolicyAnalyst + "," + Roles.Admin)]
[Route("reports")]
public sealed class ReportsController(BlockageReport report, ReportSnapshots snapshots, SnapshotList list, PublishSnapshot publishing, ReportMap map) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ReportQuery query, [FromQuery] string? zeros, [FromQuery(Name = "Map")] string? mapFigure, CancellationToken cancellationToken)
    {
        var errors = InputErrors();
        var figure = MapFigure.BedDays;
        if (mapFigure is not null && !(Enum.TryParse(mapFigure, true, out figure) && Enum.IsDefined(figure)))
        {
            errors.Add("Report.UnknownMapFigure");
        }

        var (screen, stale) = await report.AnswerAsync(query, errors, cancellationToken);
        ViewData["ReportStale"] = stale;
        ViewData["ShowZeros"] = zeros == "show";
        ViewData["MapFigure"] = figure;
        if (screen.Report is { Query.CutKind: ReportCut.Region } page)
        {
            ViewData["MapShapes"] = await map.ShapesAsync(page.Query.Division, page.Period.To, cancellationToken);
        }

        ModelState.Clear();
        if (screen.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(screen);
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        var screen = await report.LoadAsync(query, InputErrors(), cancellationToken);
        return screen.Report is not { } page
            ? BadRequest(string.Join(' ', screen.Errors))
            : File(Encoding.UTF8.GetBytes(ReportCsv.Write(page, BedDays.DefinitionsVersion)), "text/csv; charset=utf-8", $"blokkade-{FileStem(page)}.csv");
    }

    /// <summary>The live report as an Excel workbook, one sheet per table, with the same marks and legend as the CSV.</summary>
    [HttpGet("export.xlsx")]
    public async Task<IActionResult> ExportXlsx([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        var screen = await report.LoadAsync(query, InputErrors(), cancellationToken);
        return screen.Report is not { } page
            ? BadRequest(string.Join(' ', screen.Errors))
            : File(ReportXlsx.Write(page, BedDays.DefinitionsVersion), ReportXlsx.ContentType, $"blokkade-{FileStem(page)}.xlsx");
    }

    /// <summary>The live report as JSON, with the definitions version and when its figures are from (Report.ComputedAt; Stale: data changed since).</summary>
    [HttpGet("export.json")]
    public async Task<IActionResult> ExportJson([FromQuery] ReportQuery query, CancellationToken cancellationToken)
    {
        var (screen, stale) = await report.AnswerAsync(query, InputErrors(), cancellationToken);
        if (screen.Report is not { } page)
        {
            return BadRequest(string.Join(' ', screen.Errors));
        }

        var json = System.Text.Json.JsonSerializer.Serialize(new { DefinitionsVersion = BedDays.DefinitionsVersion, Stale = stale, Report = page }, ReportSnapshots.Json);
        return File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"blokkade-{FileStem(page)}.json");
    }

    [HttpPost("snapshots")]
    public async Task<IActionResult> Freeze([FromForm] ReportQuery query, CancellationToken cancellationToken)
    {
        var id = await snapshots.FreezeAsync(query, CurrentUser.From(User), "Manual", cancellationToken);
        return id is { } frozen ? Redirect($"/reports/snapshots/{frozen}") : Redirect($"/reports?{query.ToQueryString()}");
    }

    [HttpGet("snapshots")]
    public async Task<IActionResult> Snapshots([FromQuery] DateOnly? afterAsOf, [FromQuery] Guid? afterId, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // an unreadable cursor just starts at the newest
        return View(await list.LoadAsync(afterAsOf, afterId, cancellationToken));
    }

    [HttpGet("snapshots/{id:guid}")]
    public async Task<IActionResult> Snapshot(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        ViewData["ShowZeros"] = Request.Query["Zeros"] == "show";
        ViewData["ZerosBase"] = $"/reports/snapshots/{id}";
        return snapshot is null ? NotFound() : View(snapshot);
    }

    /// <summary>Gives the snapshot its public address (audited); see <see cref="PublishedReportsController"/>.</summary>
    [HttpPost("snapshots/{id:guid}/publish")]
    public async Task<IActionResult> Publish(Guid id, CancellationToken cancellationToken)
    {
        var done = await publishing.PublishAsync(id, CurrentUser.From(User), cancellationToken);
        TempData.SetFlash(done ? "Flash.SnapshotPublished" : "Snapshot.NotPossible");
        return Redirect($"/reports/snapshots/{id}");
    }

    /// <summary>Withdraws a published snapshot (audited): its public address then says so.</summary>
    [HttpPost("snapshots/{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw(Guid id, CancellationToken cancellationToken)
    {
        var done = await publishing.WithdrawAsync(id, CurrentUser.From(User), cancellationToken);
        TempData.SetFlash(done ? "Flash.SnapshotWithdrawn" : "Snapshot.NotPossible");
        return Redirect($"/reports/snapshots/{id}");
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
        return snapshot?.Report is not { } page ? NotFound() : File(Encoding.UTF8.GetBytes(ReportCsv.Write(page, snapshot.DefinitionsVersion)), "text/csv; charset=utf-8", $"blokkade-{id}.csv");
    }

    [HttpGet("snapshots/{id:guid}.xlsx")]
    public async Task<IActionResult> SnapshotXlsx(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        return snapshot?.Report is not { } page ? NotFound() : File(ReportXlsx.Write(page, snapshot.DefinitionsVersion), ReportXlsx.ContentType, $"blokkade-{id}.xlsx");
    }

    private static string FileStem(BlockageReportPage page) => $"{page.Period.From:yyyyMMdd}-{page.Period.To:yyyyMMdd}-{page.Query.CutKind.ToString().ToLowerInvariant()}";

    /// <summary>Values the model binder could not read (a year that is no number, a date that is no date): one message per field.</summary>
    private List<string> InputErrors() =>
        ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => e.Key switch
            {
                nameof(ReportQuery.Year) => "Report.InvalidYear",
                nameof(ReportQuery.Quarter) => "Report.QuarterRange",
                nameof(ReportQuery.Month) => "Report.MonthRange",
                nameof(ReportQuery.From) => "Report.InvalidFrom",
                nameof(ReportQuery.To) => "Report.InvalidTo",
                _ => "Report.UnknownChoice",
            })
            .Distinct().ToList();
}
