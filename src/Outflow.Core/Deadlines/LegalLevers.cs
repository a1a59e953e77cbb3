using Outflow.Core.Schemes;

namespace Outflow.Core.Deadlines;

/// <summary>What a counsellor can do when a body is late, by the track the request was filed under.</summary>
public enum LeverKind
{
    /// <summary>Statutory scheme (the college decides, also on mandate, Hvw art. 13; Awb 10:2): notice of default, penalty (4:17), appeal for not deciding in time (6:12).</summary>
    NoticeOfDefault,

    /// <summary>Corporation rules without a verordening: no Awb decision, so no penalty or appeal; the corporation's complaints procedure.</summary>
    ComplaintsProcedure,

    /// <summary>No scheme recorded for the municipality: no Awb decision is known to exist; ask the municipality which scheme applies.</summary>
    NoSchemeKnown,
}

public static class LegalLevers
{
    public static LeverKind For(SchemeTrack? track) => track switch
    {
        SchemeTrack.Statutory => LeverKind.NoticeOfDefault,
        SchemeTrack.CorporationRules => LeverKind.ComplaintsProcedure,
        _ => LeverKind.NoSchemeKnown,
    };

    /// <summary>Only an Awb decision has a term that can be enforced with a notice of default.</summary>
    public static bool AwbApplies(SchemeTrack? track) => For(track) == LeverKind.NoticeOfDefault;
}
