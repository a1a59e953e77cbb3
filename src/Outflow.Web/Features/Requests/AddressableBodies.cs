using System.Security.Cryptography;
using System.Text;
using Dapper;
using Outflow.Core.Schemes;
using Outflow.Web.Features.Reference;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Requests;

/// <summary>Why these bodies are offered: the scheme names them, or no scheme (or no body) is recorded.</summary>
public enum DecidingBasis
{
    /// <summary>The scheme in force names its deciding bodies (Hvw art. 13: the college or a body it mandated).</summary>
    Scheme,

    /// <summary>A scheme is recorded but names no deciding body: the organisations that act in the municipality, and its college.</summary>
    SchemeWithoutBodies,

    /// <summary>No scheme recorded: the organisations that act in the municipality, and its college.</summary>
    NoScheme,
}

public sealed record AddressableChoice(DecidingBasis Basis, SchemeVersion? Scheme, IReadOnlyList<OrganisationOption> Bodies);

/// <summary>
/// Which bodies a counsellor can address a request to in a municipality, on Outflow or not: the
/// deciding bodies of the scheme in force when the scheme names them; otherwise every organisation
/// of a fitting type that acts there (corporations letting there, the municipality's own
/// organisations) and the municipality itself as "College van B&amp;W &lt;gemeente&gt;", which is
/// created as a reference organisation without users the first time a request is addressed to it.
/// </summary>
public sealed class AddressableBodies(Db db, Clock clock, SchemeInForce schemes)
{
    internal const string LocalSql = """
        SELECT o.Id, o.Name, o.Type
        FROM Organisations o
        WHERE (o.Type = 'HousingCorporation' AND EXISTS (SELECT 1 FROM OrganisationMunicipalities om WHERE om.OrganisationId = o.Id AND om.MunicipalityCode = @MunicipalityCode))
           OR (o.Type IN ('Municipality', 'MandatedBody') AND o.MunicipalityCode = @MunicipalityCode)
        ORDER BY o.Name
        """;

    internal const string CollegeSql = "SELECT Id, Name, Type FROM Organisations WHERE Id = @Id OR Name = @Name";

    internal const string MunicipalityNameSql = "SELECT Name FROM Municipalities WHERE Code = @Code";

    internal const string InsertCollegeSql = """
        INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt)
        SELECT @Id, @Name, 'Municipality', @MunicipalityCode, 0, @Now
        WHERE NOT EXISTS (SELECT 1 FROM Organisations WHERE Id = @Id OR Name = @Name)
        """;

    public static string CollegeName(string municipalityName) => $"College van B&W {municipalityName}";

    /// <summary>The id the college of a municipality gets when it is created: derived from the CBS code, so every instance agrees.</summary>
    public static Guid CollegeId(string municipalityCode) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes("outflow:college:" + municipalityCode)));

    public async Task<AddressableChoice> ForAsync(string municipalityCode, DateOnly date, CancellationToken cancellationToken)
    {
        var scheme = await schemes.VersionAsync(municipalityCode, date, cancellationToken);
        var named = await schemes.DecidingOrganisationsAsync(municipalityCode, date, cancellationToken);
        if (named.Count > 0 && scheme is not null)
        {
            return new AddressableChoice(DecidingBasis.Scheme, scheme, named);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var local = (await connection.QueryAsync<OrganisationOption>(LocalSql, new { MunicipalityCode = municipalityCode })).ToList();
        var name = await connection.QuerySingleOrDefaultAsync<string>(MunicipalityNameSql, new { Code = municipalityCode }) ?? municipalityCode;
        var college = await connection.QueryFirstOrDefaultAsync<OrganisationOption>(CollegeSql, new { Id = CollegeId(municipalityCode), Name = CollegeName(name) })
            ?? new OrganisationOption(CollegeId(municipalityCode), CollegeName(name), "Municipality");
        // The municipality itself: its own organisation when it has one here, otherwise its college (created on first use).
        var bodies = (local.Any(o => o.Type == "Municipality") ? local : local.Append(college))
            .DistinctBy(o => o.Id).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        return new AddressableChoice(scheme is null ? DecidingBasis.NoScheme : DecidingBasis.SchemeWithoutBodies, scheme, bodies);
    }

    /// <summary>Creates the college as a reference organisation (no users) if the request is addressed to it and it does not exist yet.</summary>
    public async Task EnsureCollegeAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string municipalityCode, Guid addressedId, string municipalityName)
    {
        if (addressedId != CollegeId(municipalityCode))
        {
            return;
        }

        await connection.ExecuteAsync(InsertCollegeSql, new { Id = addressedId, Name = CollegeName(municipalityName), MunicipalityCode = municipalityCode, Now = clock.Now.UtcDateTime }, transaction);
    }
}
