// A counsellor's working day at scale (issue 14): the dashboard, the work queue and the search box
// of one shelter organisation with 5,000 residents in a country of 200,000, served by the real app
// on Kestrel (in-process, loopback HTTP, its real migrations, middleware, views and audit writes)
// on a fresh SQLite file. Prints single-request latency and the median and p99 at 32 concurrent
// users; asserts nothing.
// Run: dotnet run -c Release --project bench/Outflow.Bench -- working-day [national] [own]
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Features.Search;
using Outflow.Web.Infrastructure.Data;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Infrastructure.Web;

namespace Outflow.Bench;

public static class WorkingDayBench
{
    private const string Shelter = "Demo Vrouwenopvang Utrecht";
    private const int Users = 32;

    public static async Task RunAsync(string[] args)
    {
        Directory.SetCurrentDirectory(AppContext.BaseDirectory); // where the test host finds the app's content root (MvcTestingAppManifest.json)
        var national = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200_000;
        var own = args.Length > 1 && int.TryParse(args[1], out var o) ? o : 5_000;
        var folder = Path.Combine(Path.GetTempPath(), "outflow-bench-day-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var watch = Stopwatch.StartNew();
        await using var app = new BenchApp(folder);
        var baseAddress = app.Start();
        Console.WriteLine($"app started on {baseAddress} (migrations, reference and demo data): {watch.ElapsedMilliseconds} ms");

        watch.Restart();
        var facts = await GenerateAsync(app.Services, national, own);
        Console.WriteLine($"generated {national:N0} residents ({own:N0} in '{Shelter}', {facts.Mine:N0} of them hers), {facts.Requests:N0} requests: {watch.ElapsedMilliseconds} ms");

        await UseCasesAsync(app.Services, facts);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Users, CookieContainer = new CookieContainer(), UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        await SignInAsync(http, "counsellor.utrecht", "/today");
        using var responderHandler = new SocketsHttpHandler { MaxConnectionsPerServer = Users, CookieContainer = new CookieContainer(), UseCookies = true };
        using var responder = new HttpClient(responderHandler) { BaseAddress = baseAddress };
        await SignInAsync(responder, "responder.corporation.utrecht", "/inbox");

        var pages = new (string Name, string Url, HttpClient Client)[]
        {
            ("(reference) responder inbox", "/inbox", responder),
            ("dashboard, my residents", "/residents", http),
            ("dashboard, all residents", "/residents?Scope=All", http),
            ("dashboard, all, left (longest list)", "/residents?Scope=All&Filter=Left", http),
            ("work queue, mine", "/today", http),
            ("work queue, whole organisation", "/today?Scope=All", http),
            ("work queue, one kind, all", "/today?Scope=All&Kind=ReadyWithoutRequest", http),
            ("search, part of a resident reference", "/search?q=" + facts.ResidentFragment, http),
            ("search, part of a request reference", "/search?q=" + facts.RequestFragment, http),
            ("search, initials", "/search?q=" + Uri.EscapeDataString(facts.Initials), http),
            ("signals (navigation counts)", "/signals", http),
        };

        Console.WriteLine();
        Console.WriteLine($"{"page",-40} {"single: median",15} {"p99",8}   {"32 users: median",17} {"p99",8} {"pages/s",9}");
        foreach (var (name, url, client) in pages)
        {
            var check = await client.GetAsync(url);
            var body = await check.Content.ReadAsStringAsync();
            if (check.StatusCode != HttpStatusCode.OK || !body.Contains("<h1>", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{url}: {(int)check.StatusCode}");
            }

            for (var i = 0; i < 20; i++)
            {
                (await client.GetAsync(url)).Dispose();
            }

            var single = new List<double>();
            for (var i = 0; i < 200; i++)
            {
                single.Add(await TimeAsync(client, url));
            }

            var concurrent = new List<double>();
            var all = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Users).Select(async _ =>
            {
                var mine = new List<double>();
                for (var i = 0; i < 50; i++)
                {
                    mine.Add(await TimeAsync(client, url));
                }

                lock (concurrent)
                {
                    concurrent.AddRange(mine);
                }
            }));
            var rate = concurrent.Count / all.Elapsed.TotalSeconds;
            Console.WriteLine($"{name,-40} {Percentile(single, 50),12:F1} ms {Percentile(single, 99),5:F1} ms   {Percentile(concurrent, 50),14:F1} ms {Percentile(concurrent, 99),5:F1} ms {rate,9:F0}");
        }

        await using (var connection = await app.Services.GetRequiredService<Db>().OpenAsync())
        {
            var audits = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AuditEntries");
            Console.WriteLine();
            Console.WriteLine($"audit rows written by these page views: {audits:N0} (dashboard and search record a read of identifying data)");
        }

        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("OUTFLOW_BENCH_KEEP") is null)
        {
            Directory.Delete(folder, recursive: true);
        }
        else
        {
            Console.WriteLine($"kept {folder}");
        }
    }

    internal static async Task<double> TimeAsync(HttpClient http, string url)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    internal static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>The use cases alone (no HTTP, no rendering), to show where a page's time goes.</summary>
    private static async Task UseCasesAsync(IServiceProvider services, Facts facts)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Db>();
        Outflow.Web.Infrastructure.Auth.CurrentUser user;
        await using (var connection = await db.OpenAsync())
        {
            user = await connection.QuerySingleAsync<Outflow.Web.Infrastructure.Auth.CurrentUser>("""
                SELECT u.Id AS UserId, u.OrganisationId, o.Type AS OrganisationType, o.Name AS OrganisationName, u.DisplayName
                FROM Users u JOIN Organisations o ON o.Id = u.OrganisationId WHERE u.UserName = 'counsellor.utrecht'
                """);
        }

        var dashboard = sp.GetRequiredService<Outflow.Web.Features.Residents.ResidentDashboard>();
        var queue = sp.GetRequiredService<Outflow.Web.Features.Home.WorkQueue>();
        var search = sp.GetRequiredService<ResidentSearch>();
        var cases = new (string Name, Func<Task> Run)[]
        {
            ("dashboard, all residents (with its audit write)", () => dashboard.LoadAsync(user, new() { Scope = Outflow.Core.WorkQueue.WorkScope.All }, default)),
            ("work queue counts (the navigation badge)", () => queue.CountAsync(user, Outflow.Core.WorkQueue.WorkScope.Mine, default)),
            ("work queue page, whole organisation", () => queue.LoadAsync(user, new() { Scope = Outflow.Core.WorkQueue.WorkScope.All }, default)),
            ("search, initials (with its audit write)", () => search.SearchAsync(user, Outflow.Core.Requests.ActorRole.Counsellor, facts.Initials, default)),
            ("search, part of a resident reference", () => search.SearchAsync(user, Outflow.Core.Requests.ActorRole.Counsellor, facts.ResidentFragment, default)),
        };
        Console.WriteLine();
        Console.WriteLine($"{"use case alone (in process, no HTTP)",-50} {"median",8} {"p99",8}");
        foreach (var (name, run) in cases)
        {
            var times = new List<double>();
            for (var i = 0; i < 220; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await run();
                if (i >= 20)
                {
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            Console.WriteLine($"{name,-50} {Percentile(times, 50),5:F2} ms {Percentile(times, 99),5:F2} ms");
        }
    }

    internal static async Task SignInAsync(HttpClient http, string userName, string landing)
    {
        var form = await http.GetStringAsync("/account/sign-in");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName, ["Password"] = DemoSeeder.DefaultPassword, ["__RequestVerificationToken"] = token,
        }));
        if (!response.RequestMessage!.RequestUri!.AbsolutePath.Equals(landing, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Sign-in failed: landed on " + response.RequestMessage.RequestUri);
        }
    }

    internal sealed record Facts(int Mine, int Requests, string ResidentFragment, string RequestFragment, string Initials);

    /// <summary>
    /// 200,000 residents over 60 bench shelters plus the demo shelter's 5,000 (a tenth of them the
    /// signed-in counsellor's), with requests in every status, open requests for information and
    /// offers, and flagged requirements: the country around her that her pages must not pay for.
    /// </summary>
    internal static async Task<Facts> GenerateAsync(IServiceProvider services, int national, int own)
    {
        var db = services.GetRequiredService<Db>();
        var protector = services.GetRequiredService<FieldProtector>();
        var hasher = services.GetRequiredService<InitialsHasher>();
        var random = new Random(20261201);
        var today = new Clock(TimeProvider.System).Today;
        var now = DateTime.UtcNow;
        var letters = "ABCDEFGHJKLMNPRSTVWZ";
        var pool = Enumerable.Range(0, 200).Select(i => $"{letters[i % 20]}.{letters[i / 20 % 20]}.{(i % 3 == 0 ? letters[(i * 7) % 20] + "." : "")}")
            .Select(s => (Protected: protector.Protect(s), Hash: hasher.Hash(s)!, Plain: s)).ToList();

        await using var connection = await db.OpenAsync();
        var demoShelter = await connection.QuerySingleAsync<Guid>("SELECT Id FROM Organisations WHERE Name = @Shelter", new { Shelter });
        var counsellor = await connection.QuerySingleAsync<Guid>("SELECT Id FROM Users WHERE UserName = 'counsellor.utrecht'");
        var ground = await connection.ExecuteScalarAsync<string>("SELECT MIN(Code) FROM UrgencyGrounds");
        var demoCorporation = await connection.QuerySingleAsync<Guid>("SELECT Id FROM Organisations WHERE Name = 'Demo Woningcorporatie Utrecht'");
        await using var tx = await connection.BeginTransactionAsync();
        var colleague = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            INSERT INTO Users (Id, OrganisationId, UserName, NormalizedUserName, DisplayName, SecurityStamp, ConcurrencyStamp, LockoutEnabled, AccessFailedCount, CreatedAt)
            VALUES (@Id, @Org, 'bench.colleague', 'BENCH.COLLEAGUE', 'Bench collega', 's', 'c', 0, 0, @Now)
            """, new { Id = colleague, Org = demoShelter, Now = now }, tx);
        var shelters = Enumerable.Range(0, 60).Select(_ => Guid.CreateVersion7()).ToList();
        await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'Shelter', 'GM0344', 1, @Now)",
            shelters.Select((id, i) => new { Id = id, Name = $"Bench opvang {i}", Now = now }), tx);
        var responders = Enumerable.Range(0, 40).Select(_ => Guid.CreateVersion7()).ToList();
        await connection.ExecuteAsync("INSERT INTO Organisations (Id, Name, Type, MunicipalityCode, IsDemo, CreatedAt) VALUES (@Id, @Name, 'HousingCorporation', NULL, 1, @Now)",
            responders.Select((id, i) => new { Id = id, Name = $"Bench corporatie {i}", Now = now }), tx);

        var residents = new List<object>();
        var requests = new List<object>();
        var informationRequests = new List<object>();
        var offers = new List<object>();
        var requirements = new List<object>();
        var letterDrafts = new List<object>();
        var mine = 0;
        string? residentReference = null, requestReference = null;
        for (var i = 0; i < national; i++)
        {
            var ours = i < own;
            var org = ours ? demoShelter : shelters[i % shelters.Count];
            var responsible = ours ? (i % 10 == 0 ? counsellor : colleague) : colleague;
            mine += responsible == counsellor ? 1 : 0;
            var intake = today.AddDays(-random.Next(30, 1500));
            DateOnly? ready = random.NextDouble() < 0.8 ? intake.AddDays(random.Next(0, 200)) : null;
            ready = ready > today ? today : ready;
            DateOnly? left = ready is { } r && random.NextDouble() < 0.85 ? r.AddDays(random.Next(0, 400)) : null;
            left = left > today ? null : left;
            var initials = pool[i % pool.Count];
            var id = Guid.CreateVersion7();
            var reference = Outflow.Core.CaseReference.NewResidentReference();
            residentReference ??= ours ? reference : null;
            residents.Add(new
            {
                Id = id, Reference = reference, Org = org, initials.Protected, initials.Hash, Intake = intake, Ready = ready, Left = left,
                Destination = left is null ? null : "SocialRent", Now = now, UserId = colleague, Responsible = responsible,
            });
            if (ready is not { } readyOn || random.NextDouble() >= 0.7)
            {
                continue;
            }

            var filed = readyOn.AddDays(random.Next(0, 60));
            if (filed > (left ?? today))
            {
                continue;
            }

            var requestId = Guid.CreateVersion7();
            var roll = random.NextDouble();
            var status = left is not null ? "Housed"
                : roll < 0.05 ? "Draft" : roll < 0.15 ? "Filed" : roll < 0.30 ? "Received" : roll < 0.40 ? "InformationRequested"
                : roll < 0.70 ? "Granted" : roll < 0.82 ? "OfferMade" : roll < 0.92 ? "Refused" : "Withdrawn";
            DateOnly? granted = status is "Housed" or "Granted" or "OfferMade" ? Min(filed.AddDays(random.Next(20, 120)), left ?? today) : null;
            var requestRef = Outflow.Core.CaseReference.NewRequestReference();
            requestReference ??= ours ? requestRef : null;
            requests.Add(new
            {
                Id = requestId, Reference = requestRef, Resident = id, Shelter = org, Responder = ours ? demoCorporation : responders[random.Next(responders.Count)], Ground = ground,
                Status = status, Filed = status == "Draft" ? (DateOnly?)null : filed, Due = status == "Draft" ? (DateOnly?)null : filed.AddDays(56),
                Granted = granted, Validity = granted is null ? (int?)null : random.Next(2) == 0 ? 12 : 6, Now = now, UserId = colleague,
            });
            if (status == "InformationRequested")
            {
                informationRequests.Add(new { Id = Guid.CreateVersion7(), Request = requestId, On = today.AddDays(-random.Next(1, 20)), ReplyBy = today.AddDays(random.Next(-5, 20)) });
            }

            if (status is "OfferMade" or "Housed")
            {
                offers.Add(new
                {
                    Id = Guid.CreateVersion7(), Request = requestId, Offered = granted!.Value, ReplyBy = status == "OfferMade" ? today.AddDays(random.Next(0, 10)) : (DateOnly?)null,
                    Outcome = status == "Housed" ? "Accepted" : null,
                });
            }

            var flag = random.NextDouble();
            if (flag < 0.08 && status != "Draft")
            {
                var requirementId = Guid.CreateVersion7();
                requirements.Add(new
                {
                    Id = requirementId, Request = requestId, Imposer = responders[0], On = filed, Verdict = flag < 0.05 ? "Improper" : "Questionable", Now = now, UserId = colleague,
                });
                if (random.Next(2) == 0)
                {
                    letterDrafts.Add(new { Id = Guid.CreateVersion7(), Requirement = requirementId, Now = now, UserId = colleague });
                }
            }
        }

        await connection.ExecuteAsync("""
            INSERT INTO Residents (Id, Reference, OrganisationId, InitialsProtected, InitialsHash, OriginMunicipalityProtected, BirthYear, Adults, Children,
                                   IntakeDate, ReadyDate, OutflowDate, Destination, Version, CreatedAt, CreatedBy, UpdatedAt, ResponsibleUserId)
            VALUES (@Id, @Reference, @Org, @Protected, @Hash, NULL, 1985, 1, 1, @Intake, @Ready, @Left, @Destination, 1, @Now, @UserId, @Now, @Responsible)
            """, residents, tx);
        await connection.ExecuteAsync("""
            INSERT INTO UrgencyRequests (Id, Reference, ResidentId, ShelterOrganisationId, AddressedOrganisationId, MunicipalityCode, UrgencyGroundCode, Status,
                                         FiledDate, DecisionDueDate, GrantedDate, DecidedDate, ValidityMonths, Version, CreatedAt, CreatedBy, UpdatedAt)
            VALUES (@Id, @Reference, @Resident, @Shelter, @Responder, 'GM0344', @Ground, @Status, @Filed, @Due, @Granted, @Granted, @Validity, 1, @Now, @UserId, @Now)
            """, requests, tx);
        await connection.ExecuteAsync("INSERT INTO InformationRequests (Id, RequestId, RequestedOn, ReplyBy, CompletedOn) VALUES (@Id, @Request, @On, @ReplyBy, NULL)", informationRequests, tx);
        await connection.ExecuteAsync("INSERT INTO Offers (Id, RequestId, OfferedOn, DwellingReferenceProtected, ReplyBy, Outcome) VALUES (@Id, @Request, @Offered, 'W', @ReplyBy, @Outcome)", offers, tx);
        await connection.ExecuteAsync("""
            INSERT INTO Requirements (Id, RequestId, TypeCode, ImposedByOrganisationId, ImposedOn, WordingProtected, RenewalOffered, Verdict, ReasonKey,
                                      CitationsJson, RuleVersion, AssessedAt, RecordedAt, RecordedBy)
            VALUES (@Id, @Request, 'LocalTies', @Imposer, @On, 'x', 0, @Verdict, 'bench', '[]', 'bench', @Now, @Now, @UserId)
            """, requirements, tx);
        await connection.ExecuteAsync("INSERT INTO LetterDrafts (Id, RequirementId, CreatedAt, CreatedBy, BodyProtected) VALUES (@Id, @Requirement, @Now, @UserId, 'x')", letterDrafts, tx);
        await tx.CommitAsync();

        return new Facts(mine, requests.Count, residentReference![4..9], requestReference!.Replace("-", "")[2..8], pool[7].Plain);

        static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }

    private const string CertificatePassword = "bench-key-ring";

    /// <summary>A self-signed certificate that encrypts the bench's key ring at rest, as production requires.</summary>
    private static string KeyRingCertificate(string path)
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Outflow bench key ring", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, CertificatePassword));
        return path;
    }

    /// <summary>The real app on Kestrel (loopback, a free port), with its database and keys in the bench folder.</summary>
    internal sealed class BenchApp(string folder, string? databasePath = null) : WebApplicationFactory<Clock> // any type of the web assembly names its entry point
    {
        public Uri Start()
        {
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Production's settings except the cookie's Secure flag ("Testing"), since the bench speaks plain HTTP on loopback.
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:SqlitePath", databasePath ?? Path.Combine(folder, "data", "bench.db"));
            // Production's key ring rules (docs/security.md): keys outside the data folder, encrypted at rest by a certificate.
            builder.UseSetting("DataProtection:KeysPath", Path.Combine(folder, "keys"));
            builder.UseSetting("DataProtection:CertificatePath", KeyRingCertificate(Path.Combine(folder, "keyring.pfx")));
            builder.UseSetting("DataProtection:CertificatePassword", CertificatePassword);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Demo:Dataset", "false");
            builder.UseSetting("Jobs:Server", "false");
            builder.UseSetting("Mail:PickupPath", Path.Combine(folder, "mail"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
