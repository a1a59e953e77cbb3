using System.Diagnostics;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Outflow.Core.Requests;
using Outflow.Web.Features.Inbox;
using Outflow.Web.Features.Requests;
using Outflow.Web.Features.Requirements;
using Outflow.Web.Features.Residents;
using Outflow.Web.Features.Schemes;
using Outflow.Web.Infrastructure.Auth;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Jobs;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Web.Infrastructure.Demo;

/// <summary>
/// Seeds the generated demo dataset (<see cref="DemoPlan"/>) on top of the demo organisations and
/// logins of <see cref="DemoSeeder"/>, through the app's own use cases: residents are registered,
/// requests created and every step recorded by the handler the request page posts to, as the
/// party that owns it (the body's responder, or the counsellor for a body not on Outflow), with
/// its effective date. So every rule, verdict, deadline, signal and encrypted column is the app's
/// own. Runs once: a marker row in DataUpgrades makes a second start add nothing; stable ids make
/// a start after an interrupted seed skip what was already made.
/// </summary>
public sealed class DemoDataset(
    Db db,
    Clock clock,
    UserManager<AppUser> users,
    ImportSchemes schemes,
    DeadlineScan scan,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DemoDataset> logger)
{
    public const string Marker = "DemoDataset";

    internal const string DoneSql = "SELECT COUNT(*) FROM DataUpgrades WHERE Name = @Name";

    internal const string MarkDoneSql = """
        INSERT INTO DataUpgrades (Name, CompletedAt)
        SELECT @Name, @Now
        WHERE NOT EXISTS (SELECT 1 FROM DataUpgrades WHERE Name = @Name)
        """;

    internal const string UserSql = """
        SELECT u.Id AS UserId, u.OrganisationId, o.Type AS OrganisationType, o.Name AS OrganisationName, u.DisplayName
        FROM Users u JOIN Organisations o ON o.Id = u.OrganisationId
        WHERE u.NormalizedUserName = @NormalizedUserName
        """;

    /// <summary>An organisation's signals that were closed unread (IX_Signals_Organisation).</summary>
    internal const string PastSignalsSql = "SELECT Id FROM Signals WHERE OrganisationId = @OrganisationId AND ReadAt IS NULL AND ClosedAt IS NOT NULL";

    /// <summary>The ground in force on a day for a stay in the shelter (art. 12 lid 3 changed on 1 July 2026).</summary>
    internal const string ShelterGroundSql = """
        SELECT Code FROM UrgencyGrounds
        WHERE Code IN ('ShelterLeavingD', 'ShelterStay') AND ValidFrom <= @Today AND (ValidTo IS NULL OR ValidTo > @Today)
        ORDER BY SortOrder
        """;

    /// <summary>The demo body with no users on Outflow, and its invented statutory scheme.</summary>
    public const string AmersfoortScheme = """
        municipality_code,effective_from,track,direct_mediation_only,source_title,source_url,names_shelter_category,shelter_category_wording,deciding_organisations,decision_term_weeks,extension_weeks,validity_months,search_profile_limits,fee_euros,ties_condition,last_verified_on,last_verified_by
        GM0307,2024-01-01,Statutory,nee,Demo-regeling (geen echte verordening),,ja,Demo: woningzoekenden die de vrouwenopvang verlaten,Demo Gemeente Amersfoort,8,6,12,Demo: heel de gemeente,,,2026-01-15,Demo data
        """;

    /// <summary>Colleagues beside the demo logins, so caseloads and "Mijn taken" have someone else's work to leave out.</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Organisation, string Role)> Colleagues =
    [
        ("counsellor2.utrecht", "Demo collega begeleider Utrecht", DemoPlan.UtrechtShelter, Roles.Counsellor),
        ("counsellor2.zwolle", "Demo collega begeleider Zwolle", DemoPlan.ZwolleShelter, Roles.Counsellor),
        ("responder2.corporation.utrecht", "Demo collega corporatie Utrecht", "Demo Woningcorporatie Utrecht", Roles.Responder),
    ];

    public async Task<DemoSummary?> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<long>(DoneSql, new { Name = Marker }) > 0)
            {
                return null;
            }
        }

        var watch = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        await EnsureBodyNotOnOutflowAsync(cancellationToken);
        await EnsureColleaguesAsync(cancellationToken);
        var people = await LoadPeopleAsync(cancellationToken);
        var today = clock.Today;
        var plan = DemoPlan.Build(today);
        var summary = new DemoSummary();

        // Cases are independent: one lane per core (at most four), each case in its own scope as a page request
        // would be; SQLite serialises the writes (BEGIN IMMEDIATE with the busy timeout).
        var lanes = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan, lanes, async (item, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoCaseWriter>().WriteAsync(item, people, today, summary, token);
        });

        summary.Signals = await scan.RunAsync(cancellationToken);
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await ReadPastSignalsAsync(connection, people);
            await connection.ExecuteAsync(MarkDoneSql, new { Name = Marker, Now = clock.Now.UtcDateTime });
        }

        summary.Elapsed = watch.Elapsed;
        summary.ProcessorTime = Environment.CpuUsage.TotalTime - cpu;
        logger.LogWarning(
            "Demo dataset seeded (invented cases, not real people): {Residents} residents, {Requests} requests, {Steps} steps, {Requirements} requirements, {Letters} letters, {Notices} notices of default in {Seconds:0.0} s ({Processor:0.0} s of processor time). Colleague logins: {Colleagues}.",
            summary.Residents, summary.Requests, summary.Steps, summary.Requirements, summary.Letters, summary.Notices, summary.Elapsed.TotalSeconds, summary.ProcessorTime.TotalSeconds,
            string.Join(", ", Colleagues.Select(c => c.UserName)));
        return summary;
    }

    /// <summary>
    /// Replaying two years of steps raises each signal of its day and closes it at the next step; in
    /// a real office someone read those long ago. Mark them read (as the organisation's demo user, by
    /// the Signals page's own statement) so the badge shows what needs attention now.
    /// </summary>
    private async Task ReadPastSignalsAsync(System.Data.Common.DbConnection connection, People people)
    {
        var readers = people.Counsellors.Values.Select(c => c.Main).Concat(people.Responders.Values.Select(r => r.Main));
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var reader in readers)
        {
            foreach (var id in (await connection.QueryAsync<Guid>(PastSignalsSql, new { reader.OrganisationId }, transaction)).ToList())
            {
                await connection.ExecuteAsync(Features.Signals.SignalInbox.MarkReadSql, new { Id = id, reader.OrganisationId, reader.UserId, Now = clock.Now.UtcDateTime }, transaction);
            }
        }

        await transaction.CommitAsync();
    }

    private async Task EnsureBodyNotOnOutflowAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(DemoSeeder.InsertOrganisationSql, new
            {
                Id = DemoPlan.IdFor("organisation", 1), Name = DemoPlan.BodyNotOnOutflow, Type = OrganisationTypes.Municipality, MunicipalityCode = "GM0307", Now = clock.Now.UtcDateTime,
            });
        }

        var imported = await schemes.ImportAsync(AmersfoortScheme, user: null, "Demo data", isDemo: true, cancellationToken);
        if (imported.Errors.Count > 0)
        {
            throw new InvalidOperationException("Demo scheme: " + string.Join("; ", imported.Errors.Select(e => $"line {e.Line} {e.ColumnName} {e.MessageKey}")));
        }
    }

    private async Task EnsureColleaguesAsync(CancellationToken cancellationToken)
    {
        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DemoSeeder.DefaultPassword;
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var (userName, displayName, organisation, role) in Colleagues)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var organisationId = await connection.QuerySingleAsync<Guid>(DemoSeeder.OrganisationIdSql, new { Name = organisation });
            var user = new AppUser { UserName = userName, DisplayName = displayName, OrganisationId = organisationId, Email = $"{userName}@demo.invalid" };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
        }
    }

    private async Task<People> LoadPeopleAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        async Task<CurrentUser> User(string userName)
        {
            var row = await connection.QuerySingleAsync<UserRow>(UserSql, new { NormalizedUserName = userName.ToUpperInvariant() });
            return new CurrentUser(row.UserId, row.OrganisationId, row.OrganisationType, row.OrganisationName, row.DisplayName);
        }

        var organisations = new Dictionary<string, Guid>();
        foreach (var name in DemoSeeder.Organisations.Select(o => o.Name).Append(DemoPlan.BodyNotOnOutflow))
        {
            organisations[name] = await connection.QuerySingleAsync<Guid>(DemoSeeder.OrganisationIdSql, new { Name = name });
        }

        // Drafts carry the ground in force today; filing moves a request to the text in force on its filing date.
        var ground = await connection.QueryFirstAsync<string>(ShelterGroundSql, new { Today = clock.Today });
        return new People(
            organisations,
            ground,
            new Dictionary<string, (CurrentUser Main, CurrentUser Colleague)>
            {
                [DemoPlan.UtrechtShelter] = (await User("counsellor.utrecht"), await User("counsellor2.utrecht")),
                [DemoPlan.ZwolleShelter] = (await User("counsellor.zwolle"), await User("counsellor2.zwolle")),
            },
            new Dictionary<string, (CurrentUser Main, CurrentUser? Colleague)>
            {
                ["Demo Gemeente Utrecht"] = (await User("responder.municipality.utrecht"), null),
                ["Demo Woningcorporatie Utrecht"] = (await User("responder.corporation.utrecht"), await User("responder2.corporation.utrecht")),
                ["Demo Woonstichting Zwolle"] = (await User("responder.corporation.zwolle"), null),
            });
    }

    private sealed class UserRow
    {
        public Guid UserId { get; init; }

        public Guid OrganisationId { get; init; }

        public string OrganisationType { get; init; } = "";

        public string OrganisationName { get; init; } = "";

        public string DisplayName { get; init; } = "";
    }

    internal sealed record People(
        IReadOnlyDictionary<string, Guid> Organisations,
        string ShelterGround,
        IReadOnlyDictionary<string, (CurrentUser Main, CurrentUser Colleague)> Counsellors,
        IReadOnlyDictionary<string, (CurrentUser Main, CurrentUser? Colleague)> Responders)
    {
        public CurrentUser Counsellor(string shelter, bool colleague) => colleague ? Counsellors[shelter].Colleague : Counsellors[shelter].Main;

        /// <summary>The body's demo responder; none for a body not on Outflow (the counsellor records its steps).</summary>
        public CurrentUser? Responder(string organisation) => Responders.TryGetValue(organisation, out var r) ? r.Main : null;

        public CurrentUser? ColleagueResponder(string organisation) => Responders.TryGetValue(organisation, out var r) ? r.Colleague : null;
    }
}

/// <summary>Writes one demo case through the use cases the pages call, as the party that owns each step.</summary>
public sealed class DemoCaseWriter(
    Db db,
    RegisterResident register,
    EditResident edit,
    NewRequest newRequest,
    ChangeRequestStatus changes,
    RecordRequirement requirements,
    DraftLetter letters,
    DefaultNotices notices,
    AssignRequest assignments)
{
    internal const string ResidentExistsSql = "SELECT COUNT(*) FROM Residents WHERE Id = @Id";

    internal const string VerdictSql = "SELECT Verdict FROM Requirements WHERE Id = @Id";

    internal const string OpenNoticeSql = "SELECT Id, DueDate, Version FROM DefaultNotices WHERE RequestId = @RequestId AND SentOn IS NULL";

    internal async Task WriteAsync(DemoCase item, DemoDataset.People people, DateOnly today, DemoSummary summary, CancellationToken cancellationToken)
    {
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<long>(ResidentExistsSql, new { Id = item.ResidentId }) > 0)
            {
                return; // made by an earlier, interrupted seed
            }
        }

        var counsellor = people.Counsellor(item.Shelter, item.ByColleague);
        var registered = await register.RegisterAsync(counsellor, new RegisterResidentForm
        {
            Id = item.ResidentId,
            Initials = item.Initials,
            BirthYear = item.BirthYear,
            Adults = item.Adults,
            Children = item.Children,
            IntakeDate = item.IntakeDate,
            ReadyDate = item.ReadyDate,
            OriginMunicipalityCode = item.OriginMunicipalityCode,
        }, cancellationToken);
        var residentReference = registered.Reference ?? throw Refused(item, "register", registered.Violations);
        summary.Add(ref summary.Residents);

        if (item.Body is { } body)
        {
            await SeedRequestAsync(item, body, residentReference, counsellor, people, today, summary, cancellationToken);
        }

        if (item.Exit is { } exit)
        {
            var form = await edit.LoadFormAsync(counsellor, residentReference, cancellationToken);
            if (form is { OutflowDate: null })
            {
                form.OutflowDate = exit.Date;
                form.Destination = exit.Destination;
                var saved = await edit.SaveAsync(counsellor, residentReference, form, cancellationToken);
                if (saved.Status != SaveStatus.Saved)
                {
                    throw Refused(item, "exit", saved.Violations);
                }
            }
        }
    }

    private async Task SeedRequestAsync(DemoCase item, DemoBody body, string residentReference, CurrentUser counsellor, DemoDataset.People people, DateOnly today, DemoSummary summary, CancellationToken cancellationToken)
    {
        var created = await newRequest.CreateAsync(counsellor, residentReference, new NewRequestForm
        {
            Id = item.RequestId,
            MunicipalityCode = body.MunicipalityCode,
            AddressedOrganisationId = people.Organisations[body.Organisation],
            UrgencyGroundCode = people.ShelterGround,
        }, cancellationToken);
        var reference = created.Reference ?? throw Refused(item, "create request", created.Violations);
        summary.Add(ref summary.Requests);

        var responder = people.Responder(body.Organisation);
        var version = 1;
        foreach (var step in item.Steps)
        {
            var owner = RequestWorkflow.Transitions.First(t => t.Action == step.Action).Role;
            var (user, viewpoint) = owner == ActorRole.Responder && responder is not null ? (responder, ActorRole.Responder) : (counsellor, ActorRole.Counsellor);
            step.Form.Version = version;
            var outcome = await changes.ApplyAsync(user, viewpoint, reference, step.Form, cancellationToken);
            if (outcome.Status != ChangeResult.Changed)
            {
                throw Refused(item, $"{step.Action} on {step.Form.Date:yyyy-MM-dd} ({outcome.Status})", outcome.Violations);
            }

            version++;
            summary.Add(ref summary.Steps);
        }

        foreach (var requirement in item.Requirements)
        {
            var recorded = await requirements.RecordAsync(counsellor, ActorRole.Counsellor, reference, new RequirementForm
            {
                Id = requirement.Id,
                Version = version,
                TypeCode = requirement.TypeCode,
                ImposedByOrganisationId = people.Organisations[body.Organisation],
                ImposedOn = requirement.ImposedOn,
                Wording = requirement.Wording,
                EvidenceDate = requirement.ImposedOn,
                EvidenceReference = $"DEMO-BRIEF-{Math.Abs(item.Number)}",
                ImposedValidityMonths = requirement.ImposedValidityMonths,
            }, cancellationToken);
            if (recorded.Status != ChangeResult.Changed)
            {
                throw Refused(item, $"requirement {requirement.TypeCode} ({recorded.Status})", recorded.Violations);
            }

            version++;
            summary.Add(ref summary.Requirements);
            if (requirement.DraftLetter && await FlaggedAsync(requirement.Id, cancellationToken)
                && await letters.DraftAsync(counsellor, reference, requirement.Id, cancellationToken) is not null)
            {
                version++;
                summary.Add(ref summary.Letters);
            }
        }

        if (item.NoticeOfDefault)
        {
            await NoticeAsync(item, reference, counsellor, version, today, summary, cancellationToken);
        }

        if (responder is not null && item.Steps.Count > 0)
        {
            var assignee = item.AssignTo switch
            {
                0 or 1 => responder.UserId,
                2 => people.ColleagueResponder(body.Organisation)?.UserId,
                _ => null,
            };
            if (assignee is { } to
                && await assignments.AssignAsync(responder, reference, new AssignForm { AssignedUserId = to }, cancellationToken) is not AssignOutcome.Done and var refused)
            {
                throw Refused(item, $"assign ({refused})", []);
            }
        }
    }

    /// <summary>Drafts the notice of default when the body is late now, and records it sent (and received) a few days after the term passed.</summary>
    private async Task NoticeAsync(DemoCase item, string reference, CurrentUser counsellor, int version, DateOnly today, DemoSummary summary, CancellationToken cancellationToken)
    {
        var (id, _) = await notices.DraftAsync(counsellor, reference, version, cancellationToken);
        if (id is null)
        {
            return; // not late (or not on the statutory track) today
        }

        summary.Add(ref summary.Notices);
        if (!item.NoticeSent)
        {
            return;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var notice = await connection.QuerySingleAsync<(Guid Id, DateOnly DueDate, int Version)>(OpenNoticeSql, new { RequestId = item.RequestId });
        var sent = notice.DueDate.AddDays(3);
        if (sent > today)
        {
            return;
        }

        var received = sent.AddDays(2) <= today ? sent.AddDays(2) : (DateOnly?)null;
        var outcome = await notices.RecordSentAsync(counsellor, reference, notice.Id, new NoticeSentForm { Version = notice.Version, SentOn = sent, ReceivedOn = received }, cancellationToken);
        if (outcome.Status != ChangeResult.Changed)
        {
            throw Refused(item, "notice sent", outcome.Violations);
        }
    }

    private async Task<bool> FlaggedAsync(Guid requirementId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(VerdictSql, new { Id = requirementId }) is "Improper" or "Questionable";
    }

    private static InvalidOperationException Refused(DemoCase item, string what, IReadOnlyList<Core.RuleViolation> violations) =>
        new($"Demo case {item.Number} ({item.Shelter}): {what} refused: {string.Join("; ", violations.Select(v => $"{v.Field} {v.MessageKey}"))}");
}

/// <summary>What the seed made (counted across lanes).</summary>
public sealed class DemoSummary
{
    public int Residents;
    public int Requests;
    public int Steps;
    public int Requirements;
    public int Letters;
    public int Notices;

    public int Signals { get; set; }

    public TimeSpan Elapsed { get; set; }

    public TimeSpan ProcessorTime { get; set; }

    public void Add(ref int counter) => Interlocked.Increment(ref counter);
}
