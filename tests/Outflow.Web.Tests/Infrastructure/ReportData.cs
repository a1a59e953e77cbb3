using Dapper;
using Outflow.Core.Residents;

namespace Outflow.Web.Tests.Infrastructure;

/// <summary>
/// Generated report data written straight into a test database: shelter organisations in
/// different municipalities (so regions, municipalities and shelters each make groups), residents
/// with ready and outflow dates, destinations, filed requests to a few corporations, decisions,
/// offers and Improper requirements. Some groups are tiny (1–4 residents), others large.
/// </summary>
internal static class ReportData
{
    /// <summary>
    /// Moves the factory's clock on to the next 1 December (noon UTC): a test that slips people into kept summaries of a day
    /// last year must not meet the days the refresher keeps relative to today (a year before yesterday).
    /// </summary>
    public static void ToFirstOfDecember(OutflowFactory factory)
    {
        var now = factory.Time.GetUtcNow();
        var december = new DateTimeOffset(now.Year, 12, 1, 12, 0, 0, TimeSpan.Zero);
        factory.Time.SetUtcNow(december > now ? december : december.AddYears(1));
    }

    public static async Task GenerateAsync(OutflowFactory factory, int seed, int groups, bool large)
    {
        var random = new Random(seed);
        var today = factory.Today;
        await using var connection = await factory.Db.OpenAsync();
        var municipalities = (await connection.QueryAsync<string>("SELECT Code FROM Municipalities ORDER BY Code")).ToList();
        var userId = await connection.ExecuteScalarAsync<Guid>("SELECT Id FROM Users ORDER BY UserName LIMIT 1");
        var ground = await connection.ExecuteScalarAsync<string>("SELECT MIN(Code) FROM UrgencyGrounds");
        var step = Math.Max(1, municipalities.Count / groups);
        var shelters = Enumerable.Range(0, groups).Select(i => (Id: Guid.CreateVersion7(), Code: municipalities[(i * step + seed) % municipalities.Count])).ToList();
        var responders = Enumerable.Range(0, Math.Max(2, groups / 3)).Select(_ => Guid.CreateVersion7()).ToList();
        await using var tx = await connection.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'Shelter', @Code, 1, @Now)",
            shelters.Select((s, i) => new { s.Id, Name = $"Opvang {seed}-{i:D2}", s.Code, Now = now }), tx);
        await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'HousingCorporation', NULL, 1, @Now)",
            responders.Select((id, i) => new { Id = id, Name = $"Corporatie {seed}-{i:D2}", Now = now }), tx);
        var destinations = Enum.GetNames<DestinationType>();
        var number = 0;
        foreach (var shelter in shelters)
        {
            var size = random.NextDouble() < 0.35 ? random.Next(0, 5) : large ? random.Next(20, 160) : random.Next(5, 30);
            for (var i = 0; i < size; i++)
            {
                var intake = today.AddDays(-random.Next(20, 900));
                DateOnly? ready = random.NextDouble() < 0.85 ? intake.AddDays(random.Next(0, 150)) : null;
                ready = ready > today ? today : ready;
                DateOnly? left = random.NextDouble() < 0.7 ? (ready ?? intake).AddDays(random.Next(0, 400)) : null;
                left = left > today ? null : left;
                var resident = Guid.CreateVersion7();
                await connection.ExecuteAsync("""
                    INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, OriginMunicipalityProtected, BirthYear, Adults, Children,
                                           IntakeDate, ReadyDate, OutflowDate, Destination, Version, CreatedAt, CreatedBy, UpdatedAt)
                    VALUES (@Id, @Reference, @Org, 'x', NULL, 1990, 1, 1, @Intake, @Ready, @Left, @Destination, 1, @Now, @UserId, @Now)
                    """, new
                {
                    Id = resident, Reference = $"T-{seed}-{number++:D6}", Org = shelter.Id, Intake = intake, Ready = ready, Left = left,
                    Destination = left is null ? null : destinations[Math.Min(random.Next(0, 8), destinations.Length - 1)], Now = now, UserId = userId,
                }, tx);
                if (ready is not { } r || random.NextDouble() > 0.75)
                {
                    continue;
                }

                var filings = random.NextDouble() < 0.15 ? 2 : 1;
                for (var f = 0; f < filings; f++)
                {
                    var filed = r.AddDays(random.Next(0, 60) + (f * 90));
                    if (filed > (left ?? today))
                    {
                        break;
                    }

                    DateOnly? decided = random.NextDouble() < 0.7 ? filed.AddDays(random.Next(10, 120)) : null;
                    decided = decided > (left ?? today) ? null : decided;
                    var granted = decided is not null && random.NextDouble() < 0.7 ? decided : null;
                    var request = Guid.CreateVersion7();
                    DateOnly? offered = granted is { } g && g.AddDays(10) <= (left ?? today) ? g.AddDays(10) : null;
                    await connection.ExecuteAsync("""
                        INSERT INTO UrgencyRequests (Id, Reference, ResidentId, ShelterOrganisationId, AddressedOrganisationId, MunicipalityCode, UrgencyGroundCode, Status,
                                                     FiledDate, DecisionDueDate, DecidedDate, GrantedDate, FirstOfferDate, AcceptedOfferDate, Version, CreatedAt, CreatedBy, UpdatedAt)
                        VALUES (@Id, @Reference, @Resident, @Shelter, @Responder, @Code, @Ground, @Status, @Filed, @Due, @Decided, @Granted, @Offered, @Accepted, 1, @Now, @UserId, @Now)
                        """, new
                    {
                        Id = request, Reference = $"Q-{seed}-{number}-{f}", Resident = resident, Shelter = shelter.Id, Responder = responders[random.Next(responders.Count)],
                        shelter.Code, Ground = ground, Status = granted is not null ? "Granted" : decided is not null ? "Refused" : "Filed", Filed = filed, Due = filed.AddDays(56),
                        Decided = decided, Granted = granted, Offered = offered, Accepted = left is not null ? offered : null, Now = now, UserId = userId,
                    }, tx);
                    // A notice of default on some requests past their term (the penalty clock runs from its receipt), an
                    // objection on some refusals, decided in or after its term.
                    var due = filed.AddDays(56);
                    var end = left ?? today;
                    if ((decided ?? end) > due.AddDays(3) && random.NextDouble() < 0.5)
                    {
                        var sent = due.AddDays(random.Next(1, 4));
                        DateOnly? received = random.NextDouble() < 0.85 ? sent.AddDays(random.Next(1, 4)) : null;
                        await connection.ExecuteAsync("""
                            INSERT INTO DefaultNotices (Id, RequestId, Stage, DueDate, CreatedAt, CreatedBy, SentOn, ReceivedOn, Version)
                            VALUES (@Id, @Request, 'Decision', @Due, @Now, @UserId, @Sent, @Received, 1)
                            """, new { Id = Guid.CreateVersion7(), Request = request, Due = due, Now = now, UserId = userId, Sent = sent, Received = received }, tx);
                    }

                    if (decided is { } refusedOn && granted is null && refusedOn.AddDays(20) < end && random.NextDouble() < 0.5)
                    {
                        var objectionFiled = refusedOn.AddDays(random.Next(5, 20));
                        var objectionDue = refusedOn.AddDays(42 + 42);
                        DateOnly? objectionDecided = objectionFiled.AddDays(random.Next(20, 120));
                        objectionDecided = objectionDecided > end ? null : objectionDecided;
                        await connection.ExecuteAsync("""
                            UPDATE UrgencyRequests SET ObjectionFiledDate = @Filed, ObjectionDueDate = @Due, ObjectionDecidedDate = @Decided, ObjectionAdvisoryCommittee = 0
                            WHERE Id = @Id
                            """, new { Id = request, Filed = objectionFiled, Due = objectionDue, Decided = objectionDecided }, tx);
                    }

                    if (random.NextDouble() < 0.2)
                    {
                        await connection.ExecuteAsync("""
                            INSERT INTO Requirements (Id, RequestId, TypeCode, ImposedByOrganisationId, ImposedOn, WordingProtected, RenewalOffered, Verdict, ReasonKey,
                                                      CitationsJson, RuleVersion, AssessedAt, RecordedAt, RecordedBy)
                            VALUES (@Id, @Request, 'LocalTies', @Imposer, @On, 'x', 0, 'Improper', 'test', '[]', 'test', @Now, @Now, @UserId)
                            """, new { Id = Guid.CreateVersion7(), Request = request, Imposer = responders[random.Next(responders.Count)], On = filed, Now = now, UserId = userId }, tx);
                    }
                }
            }
        }

        // The facts the app keeps on the rows at filing time (ChangeRequestStatus), set here in bulk.
        await connection.ExecuteAsync("""
            UPDATE Residents
            SET FirstFiledDate = (SELECT MIN(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id),
                LastFiledDate = (SELECT MAX(q.FiledDate) FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id),
                LastFiledOrganisationId = (SELECT q.AddressedOrganisationId FROM UrgencyRequests q WHERE q.ResidentId = Residents.Id ORDER BY q.FiledDate DESC LIMIT 1)
            """, transaction: tx);
        await tx.CommitAsync();
    }
}
