using Dapper;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Features.Admin;

public sealed record StaleScheme(string MunicipalityCode, string MunicipalityName, DateOnly LastVerifiedOn);

public sealed record LockedUser(Guid Id, string UserName, Guid OrganisationId, string OrganisationName);

/// <summary>What waits for the platform administrator, each with its count and a short list.</summary>
public sealed record AdminWorkPage(long ToClassify, long StaleSchemes, IReadOnlyList<StaleScheme> StaleSchemeList, long FailedMessages, long LockedUsers, IReadOnlyList<LockedUser> LockedUserList, DateOnly VerifiedBefore)
{
    public bool Nothing => ToClassify == 0 && StaleSchemes == 0 && FailedMessages == 0 && LockedUsers == 0;
}

/// <summary>
/// The admin home (issue 19): requirements to classify, schemes whose version in force has not been
/// verified for twelve months, outbox messages that failed, users locked. Counts in SQL; lists short.
/// Platform-wide by design: the platform administrator looks after every organisation's reference data.
/// </summary>
public sealed class AdminWork(Db db, Clock clock)
{
    public const int ListLength = 10;

    internal const string ToClassifySql = "SELECT COUNT(*) FROM Requirements WHERE Verdict = 'NeedsReview'";

    /// <summary>The version in force today per municipality, when it was last verified before the cut-off.</summary>
    private const string StaleWhere = """
        FROM UrgencySchemeVersions v
        JOIN Municipalities m ON m.Code = v.MunicipalityCode
        WHERE v.LastVerifiedOn < @VerifiedBefore
          AND v.EffectiveFrom = (SELECT MAX(v2.EffectiveFrom) FROM UrgencySchemeVersions v2 WHERE v2.MunicipalityCode = v.MunicipalityCode AND v2.EffectiveFrom <= @Today)
        """;

    internal const string StaleSchemeCountSql = "SELECT COUNT(*) " + StaleWhere;

    internal const string StaleSchemesPageSql = "SELECT v.MunicipalityCode, m.Name AS MunicipalityName, v.LastVerifiedOn " + StaleWhere + " ORDER BY v.LastVerifiedOn, v.MunicipalityCode";

    internal const string FailedMessageCountSql = "SELECT COUNT(*) FROM OutboxMessages WHERE SentAt IS NULL AND LastError IS NOT NULL";

    internal const string LockedUserCountSql = "SELECT COUNT(*) FROM Users WHERE LockoutEnd > @Now";

    internal const string LockedUsersPageSql = """
        SELECT u.Id, u.UserName, u.OrganisationId, o.Name AS OrganisationName
        FROM Users u
        JOIN Organisations o ON o.Id = u.OrganisationId
        WHERE u.LockoutEnd > @Now
        ORDER BY u.LockoutEnd, u.Id
        """;

    public async Task<AdminWorkPage> LoadAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var verifiedBefore = today.AddMonths(-12);
        var parameters = new { Today = today, VerifiedBefore = verifiedBefore, Now = clock.Now.UtcDateTime, Take = ListLength };
        await using var connection = await db.OpenAsync(cancellationToken);
        return new AdminWorkPage(
            await connection.ExecuteScalarAsync<long>(ToClassifySql),
            await connection.ExecuteScalarAsync<long>(StaleSchemeCountSql, parameters),
            (await connection.QueryAsync<StaleScheme>(StaleSchemesPageSql + db.Dialect.LimitClause, parameters)).ToList(),
            await connection.ExecuteScalarAsync<long>(FailedMessageCountSql),
            await connection.ExecuteScalarAsync<long>(LockedUserCountSql, parameters),
            (await connection.QueryAsync<LockedUser>(LockedUsersPageSql + db.Dialect.LimitClause, parameters)).ToList(),
            verifiedBefore);
    }
}
