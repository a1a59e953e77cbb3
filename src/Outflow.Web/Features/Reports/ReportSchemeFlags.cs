using Dapper;
using Microsoft.AspNetCore.Mvc;
using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Reports;

public sealed record ReportSchemeFlag(string MunicipalityCode, string MunicipalityName, SchemeFlag Flag);

/// <summary>The flagged schemes, and the municipalities whose recorded track is "no urgency scheme" (a fact, never a flag).</summary>
public sealed record ReportSchemeFacts(IReadOnlyList<ReportSchemeFlag> Flags, IReadOnlyList<(string Code, string Name)> WithoutScheme);

/// <summary>
/// Issue 18: the schemes in the report's scope whose own text sets a condition the engine flags
/// (a ties condition read by the classifier, a very short validity), judged for a shelter resident
/// filing on the period's last day. Public reference data about municipalities, no resident data,
/// so no suppression applies. Shown on the live report only: a frozen snapshot keeps its own content.
/// Also the municipalities whose recorded scheme is "none": reported as a fact of the municipality.
/// </summary>
public sealed class ReportSchemeFlagsViewComponent(Db db, RuleSettings settings) : ViewComponent
{
    internal const string InForceSql = """
        SELECT v.MunicipalityCode, m.Name AS MunicipalityName, v.Track, v.TiesCondition, v.ValidityMonths
        FROM UrgencySchemeVersions v
        JOIN Municipalities m ON m.Code = v.MunicipalityCode
        WHERE (v.TiesCondition IS NOT NULL OR v.ValidityMonths IS NOT NULL OR v.Track = 'None')
          AND v.EffectiveFrom = (SELECT MAX(v2.EffectiveFrom) FROM UrgencySchemeVersions v2 WHERE v2.MunicipalityCode = v.MunicipalityCode AND v2.EffectiveFrom <= @OnDate)
          AND (@Region IS NULL OR EXISTS (
              SELECT 1 FROM RegionMemberships rm
              WHERE rm.MunicipalityCode = v.MunicipalityCode AND rm.DivisionCode = @Division AND rm.RegionCode = @Region
                AND rm.ValidFrom <= @OnDate AND (rm.ValidTo IS NULL OR rm.ValidTo > @OnDate)))
        ORDER BY m.NameSort, v.MunicipalityCode
        """;

    public async Task<IViewComponentResult> InvokeAsync(string division, string? region, DateOnly onDate)
    {
        await using var connection = await db.OpenAsync(HttpContext.RequestAborted);
        var rows = await connection.QueryAsync<(string MunicipalityCode, string MunicipalityName, string Track, string? TiesCondition, int? ValidityMonths)>(
            InForceSql, new { OnDate = onDate, Division = division, Region = string.IsNullOrWhiteSpace(region) ? null : region });
        var flags = rows
            .SelectMany(r => SchemeFlags.For(Enum.Parse<SchemeTrack>(r.Track), r.TiesCondition, r.ValidityMonths, onDate, settings)
                .Select(f => new ReportSchemeFlag(r.MunicipalityCode, r.MunicipalityName, f)))
            .ToList();
        var withoutScheme = rows.Where(r => r.Track == nameof(SchemeTrack.None)).Select(r => (r.MunicipalityCode, r.MunicipalityName)).ToList();
        return View(new ReportSchemeFacts(flags, withoutScheme));
    }
}
