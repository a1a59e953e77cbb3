using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Schemes;

public sealed record SchemeImportPage(ImportOutcome? Outcome, string? FileName);

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
