using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Outflow.Core;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Regions;

public sealed record DivisionsPage(IReadOnlyList<DivisionRow> Divisions, NewDivisionForm Form);

public sealed record DivisionPage(DivisionRow Division, IReadOnlyList<MembershipRow> Members, RegionImportOutcome? Outcome, DateOnly EffectiveFrom);

[Authorize(Policy = Policies.Admin)]
[Route("admin/regions")]
public sealed class RegionsController(RegionDivisions divisions, Clock clock, IStringLocalizer<SharedResource> localizer) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new DivisionsPage(await divisions.ListAsync(cancellationToken), new NewDivisionForm()));

    [HttpPost("")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] NewDivisionForm form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await divisions.CreateAsync(CurrentUser.From(User), form, cancellationToken))
            {
                TempData.SetFlash("Flash.Saved");
                return RedirectToAction(nameof(Division), new { code = form.Code });
            }

            ModelState.AddModelError("Form.Code", localizer["Regions.CodeTaken"]);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Index), new DivisionsPage(await divisions.ListAsync(cancellationToken), form));
    }

    [HttpGet("{code}")]
    public async Task<IActionResult> Division(string code, CancellationToken cancellationToken)
    {
        var division = await divisions.FindAsync(code, cancellationToken);
        return division is null ? NotFound() : View(new DivisionPage(division, await divisions.MembersAsync(code, cancellationToken), null, clock.Today));
    }

    [HttpPost("{code}/import")]
    [RequestSizeLimit(2 * 1024 * 1024)]
    public async Task<IActionResult> Import(string code, IFormFile? file, DateOnly? effectiveFrom, CancellationToken cancellationToken)
    {
        var division = await divisions.FindAsync(code, cancellationToken);
        if (division is null)
        {
            return NotFound();
        }

        if (division.IsOfficial)
        {
            // CBS divisions change only with the yearly reference data (docs/reference-data.md).
            return BadRequest();
        }

        var date = effectiveFrom ?? clock.Today;
        RegionImportOutcome outcome;
        if (file is null || file.Length == 0)
        {
            outcome = new RegionImportOutcome(0, 0, [new FileError(1, 1, "", "File.Empty")]);
        }
        else
        {
            try
            {
                using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
                outcome = await divisions.ImportAsync(CurrentUser.From(User), division, await reader.ReadToEndAsync(cancellationToken), date, cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                outcome = new RegionImportOutcome(0, 0, [new FileError(1, 1, "", "File.NotUtf8")]);
            }
        }

        if (outcome.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(nameof(Division), new DivisionPage(division, await divisions.MembersAsync(code, cancellationToken), outcome, date));
    }
}
