using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Outflow.Core.Requirements;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Data;

namespace Outflow.Web.Features.Requirements;

/// <summary>A verdict ready to store: the assessment, its citations in the versions in force on the filing date (frozen as JSON), the regime and the rule version.</summary>
public sealed record Judgement(Assessment Assessment, IReadOnlyList<StoredCitation> Citations, string CitationsJson, string Regime, string RuleVersion)
{
    public string Verdict => Assessment.Verdict.ToString();

    /// <summary>The open notes as stored (keys separated by ';'), or null.</summary>
    public string? OpenNotes => Assessment.Notes.Count == 0 ? null : string.Join(';', Assessment.Notes);
}

/// <summary>
/// Judges a requirement with Core's rules and resolves the citations by the request's filing date:
/// the one place that turns facts into a storable verdict (recording, classifying, correcting, the
/// re-assessment job) and the entry point for other features that need the same verdict, such as
/// a warning to a responder who refuses on a ground Outflow judges improper
/// (<see cref="JudgeTypeAsync"/>).
/// </summary>
public sealed class RequirementVerdicts(Db db, RuleSettings settings)
{
    internal const string CitationVersionsSql = """
        SELECT Code, Concept, Law, Article, VersionDate, ValidFrom, ValidTo, Url, Certainty, Kind FROM Citations
        """;

    internal const string SchemeSourceSql = """
        SELECT SourceTitle, SourceUrl, EffectiveFrom, IsDemo FROM UrgencySchemeVersions WHERE Id = @Id
        """;

    internal const string WoningmarktregioSql = """
        SELECT r.Name
        FROM RegionMemberships m
        JOIN Regions r ON r.DivisionCode = m.DivisionCode AND r.Code = m.RegionCode
        WHERE m.DivisionCode = 'woningmarktregio' AND m.MunicipalityCode = @MunicipalityCode
          AND m.ValidFrom <= @Date AND (m.ValidTo IS NULL OR m.ValidTo > @Date)
        """;

    internal const string RuleOfTypeSql = "SELECT RuleCode FROM RequirementTypes WHERE Code = @Code";

    public RuleSettings Settings => settings;

    /// <summary>The woningmarktregio a municipality belongs to on a date, as an Admin recorded it; null when not recorded.</summary>
    public static async Task<string?> WoningmarktregioAsync(DbConnection connection, string municipalityCode, DateOnly date, DbTransaction? transaction = null) =>
        await connection.QueryFirstOrDefaultAsync<string>(WoningmarktregioSql, new { MunicipalityCode = municipalityCode, Date = date }, transaction);

    /// <summary>
    /// The verdict of a catalogue type on a request's facts, with its citations in the version in
    /// force on the filing date. For other features (e.g. a refusal warning): null for an unknown type.
    /// </summary>
    public async Task<Judgement?> JudgeTypeAsync(string typeCode, string urgencyGroundCode, SchemeTrack? track, DateOnly filingDate, string municipalityCode, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rule = await connection.QuerySingleOrDefaultAsync<string>(RuleOfTypeSql, new { Code = typeCode });
        if (rule is null)
        {
            return null;
        }

        var region = await WoningmarktregioAsync(connection, municipalityCode, filingDate);
        return await JudgeAsync(connection, rule, new RequirementContext(urgencyGroundCode, track, null, null, null, false, filingDate, Woningmarktregio: region), null);
    }

    /// <summary>Judges with the configured settings and freezes the citations as they read now, in the version in force on the filing date.</summary>
    public async Task<Judgement> JudgeAsync(DbConnection connection, string ruleCode, RequirementContext context, Guid? schemeVersionId, DbTransaction? transaction = null)
    {
        var withSettings = context with { Settings = settings };
        var assessment = RequirementRules.Assess(ruleCode, withSettings);
        var versions = (await connection.QueryAsync<CitationRow>(CitationVersionsSql, transaction: transaction)).Select(r => r.ToCore()).ToList();
        var list = new List<StoredCitation>();
        foreach (var concept in assessment.Citations)
        {
            if (concept == RequirementRules.SchemeCitation && schemeVersionId is { } id)
            {
                var source = await connection.QuerySingleAsync<SchemeSource>(SchemeSourceSql, new { Id = id }, transaction);
                // The municipality's own verordening as an Admin recorded it: not statute text Outflow checked.
                list.Add(new StoredCitation(concept, source.SourceTitle ?? "Huisvestingsverordening", "urgentieregeling", source.EffectiveFrom, source.SourceUrl,
                    source.IsDemo ? "demo" : "recorded", "scheme"));
            }
            else if (CitationCalendar.InForce(versions, concept, context.FilingDate) is { } version)
            {
                list.Add(new StoredCitation(version.Code, version.Law, version.Article, version.VersionDate, version.Url, version.Certainty, version.Kind));
            }
        }

        return new Judgement(assessment, list, JsonSerializer.Serialize(list), LawRegimes.Code(context.Regime), settings.RuleVersion);
    }

    /// <summary>Reads the rule settings from configuration ("Rules" section); a bad value stops the start with a clear message.</summary>
    public static RuleSettings SettingsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection("Rules");
        var regional = Verdict.Questionable;
        if (section["RegionalTiesFrom2026"] is { Length: > 0 } text
            && (!Enum.TryParse(text, ignoreCase: false, out regional) || !RuleSettings.IsValidRegionalTiesVerdict(regional)))
        {
            throw new InvalidOperationException($"Rules:RegionalTiesFrom2026 must be Improper, Questionable or Permitted, not '{text}'.");
        }

        DateOnly? dutyFrom = null;
        if (section["SchemeDutyFrom"] is { Length: > 0 } date)
        {
            dutyFrom = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new InvalidOperationException($"Rules:SchemeDutyFrom must be a date yyyy-MM-dd, not '{date}'.");
        }

        return new RuleSettings(regional, dutyFrom);
    }

    private sealed class CitationRow
    {
        public string Code { get; init; } = "";

        public string Concept { get; init; } = "";

        public string Law { get; init; } = "";

        public string Article { get; init; } = "";

        public DateOnly? VersionDate { get; init; }

        public DateOnly ValidFrom { get; init; }

        public DateOnly? ValidTo { get; init; }

        public string? Url { get; init; }

        public string Certainty { get; init; } = "";

        public string Kind { get; init; } = "";

        public CitationVersion ToCore() => new(Code, Concept, Law, Article, VersionDate, ValidFrom, ValidTo, Url, Certainty, Kind);
    }

    private sealed class SchemeSource
    {
        public string? SourceTitle { get; init; }

        public string? SourceUrl { get; init; }

        public DateOnly EffectiveFrom { get; init; }

        public bool IsDemo { get; init; }
    }
}
