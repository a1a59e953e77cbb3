using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The public, citable address of a published snapshot: no sign-in, and only what the snapshot
/// stored (the suppressed aggregates, its citation line, definitions version and hash). An
/// unpublished snapshot is not found; a withdrawn one answers 410 Gone with a page that says so.
/// </summary>
[AllowAnonymous]
[Route("published")]
public sealed class PublishedReportsController(ReportSnapshots snapshots) : Controller
{
    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Show(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        if (snapshot?.PublishedAt is null)
        {
            return NotFound();
        }

        if (snapshot.WithdrawnAt is not null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return View("~/Features/Reports/Withdrawn.cshtml", snapshot);
        }

        ViewData["ShowZeros"] = Request.Query["Zeros"] == "show";
        ViewData["ZerosBase"] = $"/published/{id}";
        ViewData["PublicAddress"] = $"{Request.Scheme}://{Request.Host}/published/{id}";
        return View("~/Features/Reports/Published.cshtml", snapshot);
    }

    [HttpGet("{id:guid}.json")]
    public Task<IActionResult> Json(Guid id, CancellationToken cancellationToken) =>
        DownloadAsync(id, s => File(Encoding.UTF8.GetBytes(s.ContentJson), "application/json; charset=utf-8", $"blokkade-{id}.json"), cancellationToken);

    [HttpGet("{id:guid}.csv")]
    public Task<IActionResult> Csv(Guid id, CancellationToken cancellationToken) =>
        DownloadAsync(id, s => s.Report is { } page ? File(Encoding.UTF8.GetBytes(ReportCsv.Write(page, s.DefinitionsVersion)), "text/csv; charset=utf-8", $"blokkade-{id}.csv") : NotFound(), cancellationToken);

    [HttpGet("{id:guid}.xlsx")]
    public Task<IActionResult> Xlsx(Guid id, CancellationToken cancellationToken) =>
        DownloadAsync(id, s => s.Report is { } page ? File(ReportXlsx.Write(page, s.DefinitionsVersion), ReportXlsx.ContentType, $"blokkade-{id}.xlsx") : NotFound(), cancellationToken);

    /// <summary>A download of a public snapshot; of a withdrawn one, the page that says it was withdrawn; else not found.</summary>
    private async Task<IActionResult> DownloadAsync(Guid id, Func<StoredSnapshot, IActionResult> file, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, cancellationToken);
        return snapshot switch
        {
            { IsPublic: true } => file(snapshot),
            { PublishedAt: not null } => Redirect($"/published/{id}"),
            _ => NotFound(),
        };
    }
}
