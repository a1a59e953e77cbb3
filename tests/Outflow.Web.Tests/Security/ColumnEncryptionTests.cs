using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// Issue 16, finding 2: everything that could locate a resident is encrypted. Every text column of
/// every table is either encrypted (named ...Protected, written through the FieldProtector) or on
/// this list of columns that cannot locate her, each with the reason. A new column that is neither
/// fails this test until someone decides.
/// </summary>
public sealed class ColumnEncryptionTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private const string Ids = "ids, dates, codes or fixed names (no free text)";
    private const string Reference = "reference data (public: laws, municipalities, regions, schemes)";
    private const string Staff = "staff accounts, organisations and their settings (not residents)";
    private const string Aggregates = "report snapshots: suppressed aggregates only";

    public static readonly IReadOnlyDictionary<string, string> NotLocating = new Dictionary<string, string>
    {
        ["AuditEntries"] = Ids,
        ["Citations"] = Reference,
        ["DataUpgrades"] = Ids,
        ["DefaultNotices"] = Ids + "; the letter's text is composed from the facts, and an edited text is kept encrypted in LetterVersions",
        ["ReassessmentRuns"] = Ids,
        ["InformationRequests"] = Ids,
        ["LetterDrafts"] = Ids,
        ["LetterVersions"] = Ids + "; the letter's text is BodyProtected",
        ["Municipalities"] = Reference,
        ["MunicipalityPopulations"] = Reference,
        ["Offers"] = Ids,
        ["OrganisationMunicipalities"] = Reference,
        ["Organisations"] = Staff,
        ["OutboxMessages"] = Ids + "; LastError is a mail server's answer about staff addresses",
        ["ReadLog"] = Ids,
        ["RegionDivisions"] = Reference,
        ["RegionMemberships"] = Reference,
        ["Regions"] = Reference,
        ["ReportBlockedFacts"] = Ids + "; counts of blocked stays per organisation and day, from the residents' unencrypted dates, naming no resident",
        ["ReportBlockedMonthFacts"] = Ids + "; the same counts per organisation and month",
        ["ReportImproperFacts"] = Ids + "; a copy of an Improper requirement's ids, its imposition date and its resident's ready and outflow days, all unencrypted in their own tables",
        ["ReportResponderBlockedFacts"] = Ids + "; counts of blocked stays per responding organisation and day, naming no resident",
        ["ReportResponderBlockedMonthFacts"] = Ids + "; the same counts per responding organisation and month",
        ["ReportResponderStays"] = Ids + "; a copy of a resident's ready, outflow and filing days, her final responder, shelter organisation and destination type, all unencrypted in their own tables",
        ["ReportResponderShelterBlockedFacts"] = Ids + "; counts of blocked stays per shelter organisation, responding organisation and day, naming no resident",
        ["ReportResponderShelterBlockedMonthFacts"] = Ids + "; the same counts per shelter organisation, responding organisation and month",
        ["ReportPrefixSummaries"] = Ids + "; Data holds histograms of durations and counts per organisation and first days of a month, naming no resident",
        ["ReportResponderPrefixSummaries"] = Ids + "; Data holds histograms of request durations and counts per organisation pair and first days of a month, naming no resident",
        ["ReportResponderStockSummaries"] = Ids + "; Data holds counts of requests open past their deadline per organisation pair and day, naming no resident",
        ["ReportResponderSummaries"] = Ids + "; Data holds histograms of request durations and counts per organisation pair and month, naming no resident",
        ["ReportStockSummaries"] = Ids + "; Data is a histogram of waiting times per organisation and day, naming no resident",
        ["ReportSummaries"] = Ids + "; Data holds histograms of durations and counts per organisation and month, naming no resident",
        ["ReportSummaryGenerations"] = Ids + "; a counter per organisation and month",
        ["ReportStockGenerations"] = Ids + "; a counter per organisation and month",
        ["ReportOverdueSpans"] = Ids + "; a copy of a request's ids and the days it is open past its deadline, from its dates and its resident's outflow date, all unencrypted in their own tables",
        ["ReportMonths"] = Reference,
        ["ReportSnapshots"] = Aggregates,
        ["RequestEvents"] = Ids,
        ["RequirementAssessments"] = Ids + "; CitationsJson holds law citations",
        ["RequirementTypes"] = Reference,
        ["Requirements"] = Ids + "; CitationsJson holds law citations",
        ["Residents"] = Ids + "; Reference is a random pseudonym, Destination a category",
        ["SchemaVersions"] = "DbUp's journal of applied migrations",
        ["SchemeDecidingOrganisations"] = Reference,
        ["ShelterCapacities"] = Reference,
        ["ShelterLocations"] = Staff + "; a location's name is the organisation's own label, never an address",
        ["SignInFailures"] = Ids + "; keys are hashes",
        ["Signals"] = Ids,
        ["UrgencyGrounds"] = Reference,
        ["UrgencyRequests"] = Ids + "; RefusalReason is a code from a fixed list",
        ["UrgencySchemeVersions"] = Reference,
        ["UserRoles"] = Staff,
        ["Users"] = Staff,
    };

    /// <summary>Per table, the columns that are not encrypted and why that is safe.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["AuditEntries"] = ["Id", "OccurredAt", "UserId", "OrganisationId", "Action", "EntityType", "EntityId", "SubjectOrganisationId"],
        ["Citations"] = ["Code", "Law", "Article", "VersionDate", "Url", "Certainty", "SummaryNl", "SummaryEn", "Concept", "ValidFrom", "ValidTo", "Kind"],
        ["ReassessmentRuns"] = ["Id", "Kind", "StartedAt", "StartedBy"],
        ["DataUpgrades"] = ["Name", "CompletedAt"],
        ["DefaultNotices"] = ["Id", "RequestId", "Stage", "DueDate", "CreatedAt", "CreatedBy", "SentOn", "ReceivedOn"],
        ["InformationRequests"] = ["Id", "RequestId", "RequestedOn", "ReplyBy", "CompletedOn"],
        ["LetterDrafts"] = ["Id", "RequirementId", "CreatedAt", "CreatedBy"],
        ["LetterVersions"] = ["Id", "Kind", "LetterId", "CreatedAt", "CreatedBy"],
        ["Municipalities"] = ["Code", "Name", "NameSort", "ProvinceCode", "Province", "ValidFrom", "ValidTo", "SuccessorCode"],
        ["MunicipalityPopulations"] = ["MunicipalityCode", "ReferenceDate", "Source"],
        ["Offers"] = ["Id", "RequestId", "OfferedOn", "ViewingDate", "ReplyBy", "Outcome", "ClosedOn"],
        ["OrganisationMunicipalities"] = ["OrganisationId", "MunicipalityCode"],
        ["Organisations"] = ["Id", "Name", "Type", "MunicipalityCode", "CreatedAt"],
        ["OutboxMessages"] = ["Id", "SignalId", "OrganisationId", "CreatedAt", "SentAt", "LastError"],
        ["ReadLog"] = ["Id", "HourStart", "OccurredAt", "UserId", "OrganisationId", "ProcessingActivity", "SubjectType", "SubjectId", "TraceId"],
        ["RegionDivisions"] = ["Code", "Name", "Source"],
        ["RegionMemberships"] = ["DivisionCode", "RegionCode", "MunicipalityCode", "ValidFrom", "ValidTo"],
        ["Regions"] = ["DivisionCode", "Code", "Name"],
        ["ReportBlockedFacts"] = ["ShelterOrganisationId"],
        ["ReportBlockedMonthFacts"] = ["ShelterOrganisationId"],
        ["ReportImproperFacts"] = ["RequirementId", "RequestId", "ResidentId", "ShelterOrganisationId", "AddressedOrganisationId", "ImposedByOrganisationId", "ImposedOn"],
        ["ReportResponderBlockedFacts"] = ["ResponderId"],
        ["ReportResponderBlockedMonthFacts"] = ["ResponderId"],
        ["ReportResponderStays"] = ["ResidentId", "ResponderId", "ShelterOrganisationId", "Destination"],
        ["ReportResponderShelterBlockedFacts"] = ["ShelterOrganisationId", "ResponderId"],
        ["ReportResponderShelterBlockedMonthFacts"] = ["ShelterOrganisationId", "ResponderId"],
        ["ReportPrefixSummaries"] = ["OrganisationId"],
        ["ReportResponderPrefixSummaries"] = ["OrganisationId"],
        ["ReportResponderStockSummaries"] = ["OrganisationId"],
        ["ReportResponderSummaries"] = ["OrganisationId"],
        ["ReportStockSummaries"] = ["OrganisationId"],
        ["ReportSummaries"] = ["OrganisationId"],
        ["ReportSummaryGenerations"] = ["OrganisationId"],
        ["ReportStockGenerations"] = ["OrganisationId"],
        ["ReportOverdueSpans"] = ["RequestId", "ShelterOrganisationId", "AddressedOrganisationId"],
        ["ReportMonths"] = ["MonthStart"],
        ["ReportSnapshots"] = ["Id", "Kind", "AsOf", "Division", "DefinitionsVersion", "ContentJson", "ContentHash", "CreatedAt", "CreatedBy", "PeriodFrom", "PeriodTo", "Cut", "Region", "PublishedAt", "PublishedBy", "WithdrawnAt", "WithdrawnBy"],
        ["RequestEvents"] = ["Id", "RequestId", "OccurredAt", "UserId", "ActorRole", "Action", "FromStatus", "ToStatus", "EffectiveDate"],
        ["RequirementAssessments"] = ["Id", "RequirementId", "Occasion", "TypeCode", "Verdict", "ReasonKey", "CitationsJson", "RuleVersion", "AssessedAt", "AssessedBy", "Regime", "OpenNotes"],
        ["RequirementTypes"] = ["Code", "RuleCode", "NameNl", "NameEn", "ExplanationNl", "ExplanationEn", "ExampleNl", "ExampleEn"],
        ["Requirements"] = ["Id", "RequestId", "TypeCode", "ImposedByOrganisationId", "ImposedOn", "EvidenceDate", "SchemeVersionId", "Verdict", "ReasonKey", "CitationsJson", "RuleVersion", "AssessedAt", "RecordedAt", "RecordedBy", "Regime", "OpenNotes", "SuggestedTypeCode", "WithdrawnAt"],
        ["Residents"] = ["Id", "Reference", "OrganisationId", "IntakeDate", "ReadyDate", "OutflowDate", "Destination", "CreatedAt", "CreatedBy", "UpdatedAt", "FirstFiledDate", "LastFiledDate", "LastFiledOrganisationId", "PurgedAt", "InitialsHash", "ResponsibleUserId"],
        ["SchemaVersions"] = ["ScriptName"],
        ["SchemeDecidingOrganisations"] = ["SchemeVersionId", "OrganisationId"],
        ["ShelterCapacities"] = ["LocationId", "EffectiveFrom", "RecordedAt", "RecordedBy"],
        ["ShelterLocations"] = ["Id", "OrganisationId", "Name", "MunicipalityCode", "CreatedAt"],
        ["SignInFailures"] = ["ThrottleKey", "LastFailureAt", "BlockedUntil"],
        ["Signals"] = ["Id", "RequestId", "OrganisationId", "Kind", "DueOn", "CreatedAt", "ReadAt", "ReadBy", "ClosedAt"],
        ["UrgencyGrounds"] = ["Code", "NameNl", "NameEn", "LegalBasis", "LegalVersion", "SourceUrl", "ValidFrom", "ValidTo", "CounterpartCode"],
        ["UrgencyRequests"] = ["Id", "Reference", "ResidentId", "ShelterOrganisationId", "AddressedOrganisationId", "MunicipalityCode", "UrgencyGroundCode", "Status", "FiledDate", "SchemeVersionId", "DecisionTermSource", "DecisionDueDate", "CreatedAt", "CreatedBy", "UpdatedAt", "ReceivedDate", "GrantedDate", "RefusalReason", "DecidedDate", "FirstOfferDate", "AcceptedOfferDate", "AssignedUserId", "LastStepDate", "ExtendedOn", "RefusedDate", "ObjectionFiledDate", "ObjectionDueDate", "ObjectionDecidedDate"],
        ["UrgencySchemeVersions"] = ["Id", "MunicipalityCode", "EffectiveFrom", "Track", "SourceTitle", "SourceUrl", "ShelterCategoryWording", "SearchProfileLimits", "TiesCondition", "LastVerifiedOn", "LastVerifiedBy", "CreatedAt", "CreatedBy"],
        ["UserRoles"] = ["UserId", "RoleName"],
        ["Users"] = ["Id", "OrganisationId", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "DisplayName", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "LockoutEnd", "CreatedAt"],
    };

    [Fact]
    public async Task Every_text_column_is_encrypted_or_listed_as_not_locating_a_resident()
    {
        await using var connection = await factory.Db.OpenAsync();
        var unlisted = (await SchemaColumns.TextColumnsAsync(connection))
            .Where(c => !c.Column.EndsWith("Protected", StringComparison.Ordinal))
            .Where(c => !(Columns.TryGetValue(c.Table, out var listed) && listed.Contains(c.Column) && NotLocating.ContainsKey(c.Table)))
            .Select(c => $"{c.Table}.{c.Column}")
            .ToList();

        unlisted.Should().BeEmpty("a text column must be encrypted (…Protected, through the FieldProtector) or listed here with the reason it cannot locate a resident");
    }

    [Fact]
    public async Task Every_listed_column_still_exists()
    {
        await using var connection = await factory.Db.OpenAsync();
        var existing = (await SchemaColumns.TextColumnsAsync(connection)).Select(c => $"{c.Table}.{c.Column}").ToHashSet();

        Columns.SelectMany(t => t.Value.Select(c => $"{t.Key}.{c}")).Where(c => !existing.Contains(c)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_upgrade_step_statements_parse_as_t_sql_and_run_on_sqlite()
    {
        await using var connection = await factory.Db.OpenAsync();
        foreach (var (table, column) in FieldEncryptionUpgrade.Columns)
        {
            foreach (var sql in new[] { FieldEncryptionUpgrade.SelectPlainSql(table, column), FieldEncryptionUpgrade.UpdateSql(table, column) })
            {
                new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
                errors.Should().BeEmpty(sql);
            }

            await connection.QueryAsync(FieldEncryptionUpgrade.SelectPlainSql(table, column));
            await connection.ExecuteAsync(FieldEncryptionUpgrade.UpdateSql(table, column), new { Id = Guid.Empty, Plain = "x", Protected = "y" });
        }
    }

    [Fact]
    public async Task What_locates_her_is_stored_encrypted_and_shown_in_plain()
    {
        var @case = await FullCase.CreateAsync(factory);

        await using var connection = await factory.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Dwelling, string Profile, string ValidFor, string Evidence)>("""
            SELECT o.DwellingReferenceProtected, q.SearchProfileProtected, q.ValidForProtected, rq.EvidenceReferenceProtected
            FROM UrgencyRequests q JOIN Offers o ON o.RequestId = q.Id JOIN Requirements rq ON rq.RequestId = q.Id
            WHERE q.Reference = @Request
            """, new { @case.Request });
        new[] { row.Dwelling, row.Profile, row.ValidFor, row.Evidence }.Should().OnlyContain(v => FieldProtector.LooksProtected(v));
        var dump = string.Join("\n", await connection.QueryAsync<string>("""
            SELECT o.DwellingReferenceProtected || q.SearchProfileProtected || q.ValidForProtected || rq.EvidenceReferenceProtected
            FROM UrgencyRequests q JOIN Offers o ON o.RequestId = q.Id JOIN Requirements rq ON rq.RequestId = q.Id
            """));
        dump.Should().NotContain("WONING-7731").And.NotContain("Zoekprofiel").And.NotContain("Corporatie X").And.NotContain("BRIEF-2026");

        var page = await (await factory.SignedInAsync(UtrechtCounsellor)).GetAsync($"/requests/{@case.Request}");
        page.Text.Should().Contain("WONING-7731").And.Contain("Zoekprofiel Noord 3 kamers").And.Contain("Geldig bij Corporatie X").And.Contain("BRIEF-2026-88");
    }

    [Fact]
    public async Task Values_stored_in_plain_before_the_upgrade_are_encrypted_once_at_start_up()
    {
        var @case = await FullCase.CreateAsync(factory);
        await using var connection = await factory.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE Offers SET DwellingReferenceProtected = 'OUD-123' WHERE RequestId = (SELECT Id FROM UrgencyRequests WHERE Reference = @Request)", new { @case.Request });
        await connection.ExecuteAsync("UPDATE UrgencyRequests SET SearchProfileProtected = 'Oud zoekprofiel' WHERE Reference = @Request", new { @case.Request });
        await connection.ExecuteAsync("DELETE FROM DataUpgrades");

        await using var scope = factory.Services.CreateAsyncScope();
        var upgrade = scope.ServiceProvider.GetRequiredService<FieldEncryptionUpgrade>();
        (await upgrade.RunAsync()).Should().Be(2, "the two plain values, and nothing already encrypted");
        (await upgrade.RunAsync()).Should().Be(0);

        (await connection.ExecuteScalarAsync<string>("SELECT SearchProfileProtected FROM UrgencyRequests WHERE Reference = @Request", new { @case.Request }))
            .Should().StartWith("CfDJ8");
        var page = await (await factory.SignedInAsync(UtrechtCounsellor)).GetAsync($"/requests/{@case.Request}");
        page.Text.Should().Contain("OUD-123").And.Contain("Oud zoekprofiel");
    }
}
