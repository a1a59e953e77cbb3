using Dapper;
using Outflow.Core;
using Outflow.Core.Organisations;
using Outflow.Core.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Schemes;

public sealed record ImportOutcome(int Imported, int Unchanged, IReadOnlyList<FileError> Errors);

/// <summary>
/// Imports a scheme file. The whole file is validated first; if any row fails, nothing is
/// imported. A row equal to a recorded version changes nothing; a row that would rewrite a
/// recorded version is refused, since history is never overwritten: a change is a new version
/// with a new effective date.
/// </summary>
public sealed class ImportSchemes(Db db, Audit audit, Clock clock)
{
    /// <summary>Every code, merged ones too: the history of a scheme before a merger is still history.</summary>
    internal const string MunicipalityCodesSql = "SELECT Code FROM Municipalities";

    internal const string DecidingOrganisationsSql = """
        SELECT Id, Name, Type, MunicipalityCode FROM Organisations WHERE Type IN ('Municipality', 'MandatedBody', 'HousingCorporation')
        """;

    /// <summary>Where corporations let and for whom mandated bodies act: who may decide where (issue 19).</summary>
    internal const string ServedMunicipalitiesSql = """
        SELECT om.OrganisationId, om.MunicipalityCode
        FROM OrganisationMunicipalities om
        JOIN Organisations o ON o.Id = om.OrganisationId
        WHERE o.Type IN ('MandatedBody', 'HousingCorporation')
        """;

    internal const string InsertVersionSql = """
        INSERT INTO UrgencySchemeVersions (Id, MunicipalityCode, EffectiveFrom, Track, DirectMediationOnly, SourceTitle, SourceUrl,
            NamesShelterCategory, ShelterCategoryWording, DecisionTermWeeks, ExtensionWeeks, ValidityMonths, SearchProfileLimits,
            FeeCents, TiesCondition, LastVerifiedOn, LastVerifiedBy, IsDemo, CreatedAt, CreatedBy)
        VALUES (@Id, @MunicipalityCode, @EffectiveFrom, @Track, @DirectMediationOnly, @SourceTitle, @SourceUrl,
            @NamesShelterCategory, @ShelterCategoryWording, @DecisionTermWeeks, @ExtensionWeeks, @ValidityMonths, @SearchProfileLimits,
            @FeeCents, @TiesCondition, @LastVerifiedOn, @LastVerifiedBy, @IsDemo, @CreatedAt, @CreatedBy)
        """;

    internal const string InsertDeciderSql = """
        INSERT INTO SchemeDecidingOrganisations (SchemeVersionId, OrganisationId) VALUES (@SchemeVersionId, @OrganisationId)
        """;

    /// <summary>Every organisation that could decide somewhere, by name, with what makes it a deciding body for a municipality.</summary>
    internal static async Task<Dictionary<string, (Guid Id, DecidingBodyCandidate Candidate)>> DecidingBodiesAsync(System.Data.Common.DbConnection connection)
    {
        var served = (await connection.QueryAsync<(Guid OrganisationId, string MunicipalityCode)>(ServedMunicipalitiesSql))
            .ToLookup(s => s.OrganisationId, s => s.MunicipalityCode);
        return (await connection.QueryAsync<(Guid Id, string Name, string Type, string? MunicipalityCode)>(DecidingOrganisationsSql))
            .ToDictionary(o => o.Name, o => (o.Id, new DecidingBodyCandidate(o.Name, Enum.Parse<OrganisationType>(o.Type), o.MunicipalityCode, served[o.Id].ToHashSet())));
    }

    /// <param name="user">Who imports (audited); null for the Development demo seed.</param>
    public async Task<ImportOutcome> ImportAsync(string text, CurrentUser? user, string importedBy, bool isDemo, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var codes = (await connection.QueryAsync<string>(MunicipalityCodesSql)).ToHashSet();
        var bodies = await DecidingBodiesAsync(connection);
        var organisations = bodies.ToDictionary(b => b.Key, b => b.Value.Id);
        var parsed = SchemeFile.Parse(text, codes, bodies.ToDictionary(b => b.Key, b => b.Value.Candidate), clock.Today);
        if (parsed.Errors.Count > 0)
        {
            return new ImportOutcome(0, 0, parsed.Errors);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = (await SchemeHistory.ReadAllAsync(connection, transaction))
            .ToDictionary(v => (v.Row.MunicipalityCode, v.Row.EffectiveFrom), v => v.Row);
        var fresh = new List<SchemeRow>();
        var errors = new List<FileError>();
        foreach (var row in parsed.Rows)
        {
            if (!recorded.TryGetValue((row.MunicipalityCode, row.EffectiveFrom), out var existing))
            {
                fresh.Add(row);
            }
            else if (!SchemeHistory.SameVersion(existing, row))
            {
                errors.Add(new FileError(row.Line, SchemeFile.Columns.ToList().IndexOf("effective_from") + 1, "effective_from", "SchemeFile.RewritesHistory"));
            }
        }

        if (errors.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ImportOutcome(0, 0, errors);
        }

        foreach (var row in fresh)
        {
            var id = clock.NewId();
            await connection.ExecuteAsync(InsertVersionSql, new
            {
                Id = id,
                row.MunicipalityCode,
                row.EffectiveFrom,
                Track = row.Track.ToString(),
                row.DirectMediationOnly,
                row.SourceTitle,
                row.SourceUrl,
                row.NamesShelterCategory,
                row.ShelterCategoryWording,
                row.DecisionTermWeeks,
                row.ExtensionWeeks,
                row.ValidityMonths,
                row.SearchProfileLimits,
                row.FeeCents,
                row.TiesCondition,
                row.LastVerifiedOn,
                row.LastVerifiedBy,
                IsDemo = isDemo,
                CreatedAt = clock.Now.UtcDateTime,
                CreatedBy = importedBy,
            }, transaction);
            await connection.ExecuteAsync(InsertDeciderSql, row.DecidingOrganisations.Select(name => new { SchemeVersionId = id, OrganisationId = organisations[name] }), transaction);
            if (user is not null)
            {
                await audit.RecordAsync(connection, transaction, user, "SchemeVersionImported", "UrgencySchemeVersion", id);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(fresh.Count, parsed.Rows.Count - fresh.Count, []);
    }
}
