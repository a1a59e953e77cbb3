using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Schemes;

public sealed record SchemeImportPage(ImportOutcome? Outcome, string? FileName);

public sealed record SchemeFormPage(SchemeVersionForm Form, IReadOnlyList<Features.Reference.MunicipalityOption> Municipalities, string? MunicipalityName, IReadOnlyList<DecidingBodyOption>? Eligible);

[Route("schemes")]
public sealed class SchemesController(ImportSchemes import, Db db, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : Controller
{
    public const int MaxFileBytes = 5 * 1024 * 1024;

    [Authorize(Policy = Policies.Admin)]
    [HttpGet("import")]
    public IActionResult Import() => View(new SchemeImportPage(null, null));

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("import")]
    [RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["SchemeImport.NoFile"]);
            return View(new SchemeImportPage(null, null));
        }

        string text;
        using (var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                return View(new SchemeImportPage(new ImportOutcome(0, 0, [new FileError(1, 1, "", "File.NotUtf8")]), file.FileName));
            }
        }

        var user = CurrentUser.From(User);
        var outcome = await import.ImportAsync(text, user, user.DisplayName, isDemo: false, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(new SchemeImportPage(outcome, file.FileName));
    }

    /// <summary>The import file's header, to fill in a spreadsheet (issue 19).</summary>
    [Authorize(Policy = Policies.Admin)]
    [HttpGet("template.csv")]
    public IActionResult Template() =>
        File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join(',', SchemeFile.Columns) + "\r\n")).ToArray(), "text/csv; charset=utf-8", "urgentieregelingen-sjabloon.csv");

    /// <summary>
    /// A new scheme version for one municipality (issue 19). Without a municipality the form asks for
    /// one first (a GET form, no JavaScript needed); with one, it offers as deciding bodies only the
    /// organisations that may decide there, by name.
    /// </summary>
    [Authorize(Policy = Policies.Admin)]
    [HttpGet("new")]
    public async Task<IActionResult> New(string? municipalityCode, [FromServices] RecordSchemeVersion record, [FromServices] Features.Reference.MunicipalityList municipalities, [FromServices] Infrastructure.Web.Clock clock, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var form = new SchemeVersionForm { MunicipalityCode = municipalityCode, LastVerifiedOn = clock.Today };
        return View(await PageAsync(form, record, municipalities, cancellationToken));
    }

    [Authorize(Policy = Policies.Admin)]
    [HttpPost("new")]
    public async Task<IActionResult> New([Bind(Prefix = "Form")] SchemeVersionForm form, [FromServices] RecordSchemeVersion record, [FromServices] Features.Reference.MunicipalityList municipalities, [FromServices] Infrastructure.Web.Clock clock, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var outcome = await record.RecordAsync(CurrentUser.From(User), form, clock.Today, cancellationToken);
            if (outcome.Recorded || outcome.AlreadyRecorded)
            {
                TempData.SetFlash(outcome.Recorded ? "SchemeForm.Recorded" : "SchemeForm.AlreadyRecorded");
                return Redirect($"/municipalities/{form.MunicipalityCode!.Trim().ToUpperInvariant()}");
            }

            foreach (var v in outcome.Violations)
            {
                var label = v.Field.Length == 0 ? null : localizer[LabelKeys.GetValueOrDefault(v.Field, "Field." + v.Field)];
                ModelState.AddModelError(v.Field.Length == 0 ? "" : "Form." + v.Field, label is null ? localizer[v.MessageKey] : localizer["SchemeForm.Error", label, localizer[v.MessageKey]]);
            }
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(await PageAsync(form, record, municipalities, cancellationToken));
    }

    private static readonly Dictionary<string, string> LabelKeys = new()
    {
        [nameof(SchemeVersionForm.MunicipalityCode)] = "Field.Municipality",
        [nameof(SchemeVersionForm.EffectiveFrom)] = "Field.EffectiveFrom",
        [nameof(SchemeVersionForm.Track)] = "SchemeForm.Track",
        [nameof(SchemeVersionForm.DirectMediationOnly)] = "SchemeForm.DirectMediationOnly",
        [nameof(SchemeVersionForm.SourceTitle)] = "SchemeForm.SourceTitle",
        [nameof(SchemeVersionForm.SourceUrl)] = "SchemeForm.SourceUrl",
        [nameof(SchemeVersionForm.NamesShelterCategory)] = "SchemeForm.NamesShelterCategory",
        [nameof(SchemeVersionForm.ShelterCategoryWording)] = "SchemeForm.ShelterCategoryWording",
        [nameof(SchemeVersionForm.DecidingOrganisationIds)] = "SchemeForm.DecidingBodies",
        [nameof(SchemeVersionForm.DecisionTermWeeks)] = "SchemeForm.DecisionTermWeeks",
        [nameof(SchemeVersionForm.ExtensionWeeks)] = "SchemeForm.ExtensionWeeks",
        [nameof(SchemeVersionForm.ValidityMonths)] = "SchemeForm.ValidityMonths",
        [nameof(SchemeVersionForm.SearchProfileLimits)] = "SchemeForm.SearchProfileLimits",
        [nameof(SchemeVersionForm.FeeEuros)] = "SchemeForm.FeeEuros",
        [nameof(SchemeVersionForm.TiesCondition)] = "SchemeForm.TiesCondition",
        [nameof(SchemeVersionForm.LastVerifiedOn)] = "SchemeForm.LastVerifiedOn",
    };

    private static async Task<SchemeFormPage> PageAsync(SchemeVersionForm form, RecordSchemeVersion record, Features.Reference.MunicipalityList municipalities, CancellationToken cancellationToken)
    {
        var all = await municipalities.CurrentAsync(cancellationToken);
        var chosen = all.FirstOrDefault(m => string.Equals(m.Code, form.MunicipalityCode?.Trim(), StringComparison.OrdinalIgnoreCase));
        return new SchemeFormPage(form, all, chosen?.Name, chosen is null ? null : await record.EligibleAsync(chosen.Code, cancellationToken));
    }

    /// <summary>Every recorded version in the import format, so a sector body can edit and re-import it.</summary>
    [Authorize]
    [HttpGet("export.csv")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await SchemeHistory.ReadAllAsync(connection);
        var csv = SchemeFile.Format(rows.Select(r => r.Row));
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "urgentieregelingen.csv");
    }
}
