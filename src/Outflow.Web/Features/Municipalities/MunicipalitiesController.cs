using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Outflow.Web.Features.Municipalities;

/// <summary>Reference pages for every signed-in user: the urgency scheme is public law, not case data.</summary>
[Authorize]
[Route("municipalities")]
public sealed class MunicipalitiesController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] MunicipalityFilter filter, [FromServices] MunicipalityOverview overview, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return View(await overview.LoadAsync(filter, cancellationToken));
    }

    [HttpGet("{code}")]
    public async Task<IActionResult> Details(string code, [FromServices] MunicipalityDetails details, CancellationToken cancellationToken)
    {
        var page = code is { Length: 6 } && code.StartsWith("GM", StringComparison.Ordinal) ? await details.LoadAsync(code, cancellationToken) : null;
        return page is null ? NotFound() : View(page);
    }
}
