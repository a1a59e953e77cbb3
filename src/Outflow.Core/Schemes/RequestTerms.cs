namespace Outflow.Core.Schemes;

/// <summary>Where a request's decision term came from, shown next to the deadline.</summary>
public enum TermSource
{
    /// <summary>The term set in the municipality's scheme.</summary>
    Scheme,

    /// <summary>The scheme is silent or unknown: Awb art. 4:13 lid 2, a reasonable term of at most eight weeks.</summary>
    AwbMaximum,

    /// <summary>No statutory scheme and no term in the corporations' rules: no legal decision term runs.</summary>
    None,
}

/// <summary>The terms a request takes over from the scheme version in force on its filing date.</summary>
public sealed record InheritedTerms(int? DecisionTermWeeks, TermSource TermSource, int? ValidityMonths, Guid? SchemeVersionId);

public static class RequestTerms
{
    /// <summary>Awb art. 4:13 lid 2: without a statutory term, a decision is due within a reasonable term, at most eight weeks.</summary>
    public const int AwbMaximumWeeks = 8;

    /// <summary>
    /// Statutory scheme: its own term, else the Awb maximum. Corporation rules or no scheme: there
    /// is no Awb decision (legal basis §1, an [open] reading), so only a term the rules set
    /// themselves. Nothing recorded for the municipality: the Awb default, since most requests go
    /// to municipalities with a scheme and eight weeks is the outer limit a counsellor can cite.
    /// </summary>
    public static InheritedTerms Inherit(SchemeVersion? scheme) => scheme switch
    {
        null => new(AwbMaximumWeeks, TermSource.AwbMaximum, null, null),
        { Track: SchemeTrack.Statutory, DecisionTermWeeks: { } weeks } => new(weeks, TermSource.Scheme, scheme.ValidityMonths, scheme.Id),
        { Track: SchemeTrack.Statutory } => new(AwbMaximumWeeks, TermSource.AwbMaximum, scheme.ValidityMonths, scheme.Id),
        { DecisionTermWeeks: { } weeks } => new(weeks, TermSource.Scheme, scheme.ValidityMonths, scheme.Id),
        _ => new(null, TermSource.None, scheme.ValidityMonths, scheme.Id),
    };
}
