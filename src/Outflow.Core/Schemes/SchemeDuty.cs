namespace Outflow.Core.Schemes;

/// <summary>
/// From 1 July 2026 art. 12 lid 1 Hvw obliges every council to have an urgency scheme, by a date
/// a royal decree sets (art. 51 lid 10). That date is not known yet [open]: it is configuration,
/// empty until known. From it, a municipality without a statutory scheme is itself a finding.
/// </summary>
public static class SchemeDuty
{
    /// <summary>True when the duty is in force on the date and the municipality's recorded track is not a statutory scheme.</summary>
    public static bool IsFinding(SchemeTrack? track, DateOnly date, DateOnly? dutyFrom) =>
        dutyFrom is { } from && date >= from && track is SchemeTrack.CorporationRules or SchemeTrack.None;
}
