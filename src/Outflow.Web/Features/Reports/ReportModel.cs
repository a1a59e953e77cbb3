using System.Globalization;
using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>How the figures are cut: by region, municipality (both of the shelter organisation), responding organisation or shelter organisation.</summary>
public enum ReportCut
{
    Region,
    Municipality,
    Responder,
    Shelter,
}

/// <summary>What a user asks for in the query string (kept as text so bad input gets a message, not a default).</summary>
public sealed class ReportQuery
{
    public string? Period { get; set; }

    public int? Year { get; set; }

    public int? Quarter { get; set; }

    public int? Month { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Cut { get; set; }

    public string Division { get; set; } = "veilig_thuis_regio";

    public string? Region { get; set; }

    public PeriodKind PeriodKind => Choice(Period, PeriodKind.Year);

    public ReportCut CutKind => Choice(Cut, ReportCut.Region);

    /// <summary>A period or cut was given that is not one of the choices (a missing one takes the default).</summary>
    public bool HasUnknownChoice => !IsChoice<PeriodKind>(Period) || !IsChoice<ReportCut>(Cut);

    private static bool IsChoice<T>(string? text)
        where T : struct, Enum => text is null || (Enum.TryParse<T>(text, true, out var value) && Enum.IsDefined(value));

    private static T Choice<T>(string? text, T fallback)
        where T : struct, Enum => text is not null && IsChoice<T>(text) ? Enum.Parse<T>(text, true) : fallback;

    /// <summary>The report's parameters that are set, by name: the export links' query string and the snapshot form's hidden fields.</summary>
    public IEnumerable<(string Name, string Value)> Values()
    {
        var parts = new (string, string?)[]
        {
            ("Period", PeriodKind.ToString()), ("Year", Year?.ToString(CultureInfo.InvariantCulture)),
            ("Quarter", Quarter?.ToString(CultureInfo.InvariantCulture)), ("Month", Month?.ToString(CultureInfo.InvariantCulture)),
            ("From", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("To", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("Cut", CutKind.ToString()), ("Division", Division), ("Region", Region),
        };
        return parts.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => (p.Item1, p.Item2!));
    }

    public string ToQueryString() => string.Join('&', Values().Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
}

/// <summary>A duration's count and nearest-rank percentiles; figures are null when fewer than five residents or requests, the count when suppressed.</summary>
public sealed record Duration(long? Count, int? Median, int? P75, int? P90)
{
    public static readonly Duration None = new(0, null, null, null);
}

/// <summary>
/// One published row of the report: every figure for one group, or null where suppressed (or not
/// applicable). MonthBedDays follow the page's Months, the bands LeadTimes.WaitingBands; for the
/// total row those are the page's Months and Bands.
/// </summary>
public sealed record GroupRow(
    string Group,
    long? Residents,
    long? BlockedBedDays,
    decimal? PlacesBlocked,
    long? WaitingAtEnd,
    long? ShelterPlaces,
    decimal? IstanbulNorm,
    Duration Waited,
    Duration StillWaiting,
    Duration ReadyToFiled,
    Duration FiledToDecision,
    Duration DecisionToOffer,
    Duration OfferToMoved,
    long? Decisions,
    long? DecidedLate,
    decimal? LateShare,
    Duration Overdue,
    long? OpenOverdue,
    long? ImproperRequests,
    long? ImproperBedDays,
    IReadOnlyList<long?> Outcomes,
    IReadOnlyList<long?> MonthBedDays,
    IReadOnlyList<long?> WaitedBands,
    IReadOnlyList<long?> StillWaitingBands);

public sealed record MonthPoint(DateOnly Month, long? BlockedBedDays);

/// <summary>Residents per waiting-time band (LeadTimes.WaitingBands): those who left in the period and those still waiting at its end.</summary>
public sealed record BandRow(int Band, long? Waited, long? StillWaiting);

public sealed record ImproperRow(string Organisation, long? Requests, long? BlockedBedDays);

/// <summary>
/// One responding organisation's figures for the counsellor's levers in the period (docs/metrics.md,
/// "Levers"): notices of default sent, the penalty days and euros those notices accrued by the
/// period's as-of day (Awb 4:17), and decisions on objection given, and given after their term (Awb 7:10).
/// </summary>
public sealed record LeverRow(string Organisation, long? NoticesSent, long? PenaltyDays, long? PenaltyEuros, long? ObjectionsDecided, long? ObjectionsDecidedLate);

/// <summary>
/// The finished, suppressed report: what the page (Partial: the period had not ended on the day it
/// was made, so its figures run up to yesterday; ComputedAt: the moment (UTC) its figures were read; DefinitionsVersion, Threshold, DurationMinimum,
/// HiddenMark and SumProtection: the rules it was published under, carried in every JSON and snapshot), the exports and a frozen snapshot show. Only
/// aggregates; the group names are regions, municipalities and organisations.
/// </summary>
public sealed record BlockageReportPage(
    ReportQuery Query,
    ReportPeriod Period,
    DateOnly AsOf,
    DateOnly PopulationDate,
    int Threshold,
    string DivisionName,
    string? RegionName,
    IReadOnlyList<GroupRow> Rows,
    GroupRow Total,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<MonthPoint> Months,
    IReadOnlyList<BandRow> Bands,
    IReadOnlyList<ImproperRow> ImproperByImposer,
    int DurationMinimum = 10,
    string DefinitionsVersion = BedDays.DefinitionsVersion,
    string HiddenMark = Suppression.HiddenMark,
    double SumProtection = Protection.SumProtection,
    bool Partial = false,
    GroupRow? YearEarlier = null,
    bool HasAnyResidents = true,
    IReadOnlyList<LeverRow>? Levers = null,
    LeverRow? LeversTotal = null,
    DateTimeOffset? ComputedAt = null)
{
    /// <summary>Which computation made these figures: new for each one, kept by copies of it, never exported. Keys its rendered HTML.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid Computation { get; init; } = Guid.NewGuid();
}

/// <summary>The report page: the filter form's choices, any input errors, and the report when the input makes one.</summary>
public sealed record ReportScreen(
    ReportQuery Query,
    IReadOnlyList<(string Code, string Name)> Divisions,
    IReadOnlyList<(string Code, string Name)> Regions,
    IReadOnlyList<string> Errors,
    BlockageReportPage? Report);
