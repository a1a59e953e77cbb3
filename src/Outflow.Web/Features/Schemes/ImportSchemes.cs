using Dapper;
using Outflow.Core;
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
        SELECT Id, Name FROM Organisations WHERE Type IN ('Municipality', 'MandatedBody', 'HousingCorporation')
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

    /// <param name="user">Who imports (audited); null for the Development demo seed.</param>
    public async Task<ImportOutcome> ImportAsync(string text, CurrentUser? user, string importedBy, bool isDemo, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var codes = (await connection.QueryAsync<string>(MunicipalityCodesSql)).ToHashSet();
        var organisations = (await connection.QueryAsync<(Guid Id, string Name)>(DecidingOrganisationsSql)).ToDictionary(o => o.Name, o => o.Id);
        var parsed = SchemeFile.Parse(text, codes, organisations.Keys.ToHashSet(), clock.Today);
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
