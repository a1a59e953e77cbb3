using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Features.Search;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class SearchTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private DateOnly Today => factory.Today;

    private static async Task<Page> SearchAsync(OutflowClient client, string query)
    {
        // the header's search box, as a user submits it
        var home = await client.GetAsync("/signals");
        var form = home.Form("header form[action='/search']");
        return await client.SubmitGetAsync(form, Fields(("q", query)));
    }

    private static IReadOnlyList<string> Links(Page page, string prefix) =>
        page.Document.QuerySelectorAll($"main table a[href^='{prefix}']").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_part_of_the_resident_reference_finds_her_in_her_own_organisation_only()
    {
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        var reference = await RegisterResidentAsync(utrecht, Today.AddDays(-10));
        var fragment = reference.Substring(4, 6).ToLowerInvariant(); // e.g. "kqm-d3": lower case, with the dash

        var found = await SearchAsync(utrecht, fragment);
        var foreign = await SearchAsync(zwolle, fragment);

        found.Status.Should().Be(HttpStatusCode.OK);
        Links(found, "/residents/").Should().Contain(reference);
        found.Text.Should().Contain("kenmerk bewoner");
        Links(foreign, "/residents/").Should().NotContain(reference);
        (await SearchAsync(zwolle, reference)).Text.Should().Contain($"Niets gevonden voor '{reference}' in uw organisatie.");
    }

    [Fact]
    public async Task A_request_reference_finds_the_resident_and_for_responders_only_requests_addressed_to_them()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var resident = await RegisterResidentAsync(counsellor, Today.AddDays(-40), Today.AddDays(-20));
        var request = await CreateDraftAsync(counsellor, resident);
        var fragment = request.Replace("-", "")[1..9]; // without the dashes

        var found = await SearchAsync(counsellor, fragment);
        Links(found, "/requests/").Should().Contain(request);
        Links(found, "/residents/").Should().Contain(resident);
        Links(await SearchAsync(await factory.SignedInAsync(ZwolleCounsellor), fragment), "/requests/").Should().NotContain(request);

        var responder = await factory.SignedInAsync(UtrechtCorporation);
        Links(await SearchAsync(responder, fragment), "/requests/").Should().NotContain(request, "a responder never sees a draft");
        await ActAsync(counsellor, request, "File", date: Iso(Today));
        var answer = await SearchAsync(responder, fragment);
        Links(answer, "/requests/").Should().Contain(request);
        answer.Document.QuerySelectorAll("main table a[href^='/residents/']").Should().BeEmpty("responders see no resident reference or initials");
        Links(await SearchAsync(await factory.SignedInAsync(ZwolleCorporation), fragment), "/requests/").Should().NotContain(request, "addressed to another corporation");
    }

    [Fact]
    public async Task Initials_find_her_however_they_are_typed_without_initials_in_plain_text_and_never_across_organisations()
    {
        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        var mine = await RegisterResidentAsync(utrecht, Today.AddDays(-5), initials: "É.W.Y.");
        var theirs = await RegisterResidentAsync(zwolle, Today.AddDays(-5), initials: "E.W.Y.");

        foreach (var typed in new[] { "e.w.y.", "E W Y", "ewy", "É.-W.Y" })
        {
            var found = await SearchAsync(utrecht, typed);
            Links(found, "/residents/").Should().Contain(mine, typed).And.NotContain(theirs, typed);
            found.Text.Should().Contain("É.W.Y.").And.Contain("initialen");
        }

        Links(await SearchAsync(zwolle, "EWY"), "/residents/").Should().Contain(theirs).And.NotContain(mine);
        Links(await SearchAsync(utrecht, "E.W."), "/residents/").Should().NotContain(mine, "initials match in full, not in part");

        await using var connection = await factory.Db.OpenAsync();
        var hashes = (await connection.QueryAsync<string>("SELECT InitialsHash FROM Residents WHERE Reference IN @refs", new { refs = new[] { mine, theirs } })).ToList();
        hashes.Should().HaveCount(2).And.OnlyContain(h => h.Length > 40 && !h.Contains("EWY") && !h.Contains("E.W.Y."));
        hashes.Distinct().Should().HaveCount(1, "the same normalised initials give the same keyed hash; the organisation scope keeps them apart");
    }

    [Fact]
    public async Task Editing_the_initials_changes_what_finds_her()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, Today.AddDays(-5), initials: "G.H.J.");
        var edit = await client.GetAsync($"/residents/{reference}/edit");
        (await client.SubmitAsync(edit, $"form[action='/residents/{reference}/edit']", Fields(("Initials", "N.P.R.")))).Path.Should().Be($"/residents/{reference}");

        Links(await SearchAsync(client, "GHJ"), "/residents/").Should().NotContain(reference);
        Links(await SearchAsync(client, "n.p.r."), "/residents/").Should().Contain(reference);
    }

    [Fact]
    public async Task Residents_registered_before_search_get_their_hash_once_in_batches()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, Today.AddDays(-5), initials: "V.X.Z.");
        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Residents SET InitialsHash = NULL WHERE Reference = @reference", new { reference });
        }

        Links(await SearchAsync(client, "VXZ"), "/residents/").Should().NotContain(reference, "without a hash she cannot be found by initials");

        await using var scope = factory.Services.CreateAsyncScope();
        var backfill = scope.ServiceProvider.GetRequiredService<InitialsHashBackfill>();
        (await backfill.RunAsync(CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);
        (await backfill.RunAsync(CancellationToken.None)).Should().Be(0, "a second run finds nothing left to do");
        Links(await SearchAsync(client, "VXZ"), "/residents/").Should().Contain(reference);
    }

    [Fact]
    public async Task A_hash_made_with_another_key_is_made_again_and_unreadable_initials_are_marked_not_retried()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, Today.AddDays(-5), initials: "K.Y.");
        var lost = await RegisterResidentAsync(client, Today.AddDays(-5), initials: "K.Y.");
        var hasher = factory.Services.GetRequiredService<InitialsHasher>();
        await using (var connection = await factory.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Residents SET InitialsHash = 'deadbeef:old' WHERE Reference = @reference", new { reference });
            await connection.ExecuteAsync("UPDATE Residents SET InitialsHash = NULL, InitialsProtected = 'not-a-valid-ciphertext' WHERE Reference = @lost", new { lost });
        }

        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InitialsHashBackfill>().RunAsync(CancellationToken.None);

        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<string>("SELECT InitialsHash FROM Residents WHERE Reference = @reference", new { reference })).Should().Be(hasher.Hash("K.Y."));
            (await connection.ExecuteScalarAsync<string>("SELECT InitialsHash FROM Residents WHERE Reference = @lost", new { lost })).Should().Be(hasher.Unreadable);
        }
    }

    [Fact]
    public void The_key_is_a_file_outside_the_database_readable_by_its_owner_only()
    {
        var hasher = factory.Services.GetRequiredService<InitialsHasher>(); // starts the app, which creates the key (xunit may run this test first)
        var path = Path.Combine(factory.Folder, "keys", "initials-search.key");

        File.Exists(path).Should().BeTrue();
        Convert.FromBase64String(File.ReadAllText(path).Trim()).Should().HaveCount(32);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        InitialsHasher.FromFile(path).KeyId.Should().Be(hasher.KeyId, "a second instance reads the same key");
    }

    [Fact]
    public async Task Unusable_or_empty_input_gets_a_clear_message_never_an_error()
    {
        var client = await factory.SignedInAsync(UtrechtCounsellor);

        (await client.GetAsync("/search")).Text.Should().Contain("Typ een kenmerk of initialen.");
        var odd = await client.GetAsync("/search?q=" + Uri.EscapeDataString("<b>1%</b>"));
        odd.Status.Should().Be(HttpStatusCode.OK);
        odd.Text.Should().Contain("is geen deel van een kenmerk");
        (await client.GetAsync("/search?q=" + new string('A', 500))).Status.Should().Be(HttpStatusCode.OK);
        (await (await factory.SignedInAsync("analyst")).GetAsync("/search?q=ABC")).Status.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class SearchLoggingTests
{
    private sealed class CapturedLogs : Microsoft.Extensions.Logging.ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }

    [Fact]
    public async Task What_is_typed_in_the_search_box_stays_out_of_the_log()
    {
        var logs = new CapturedLogs();
        await using var factory = new OutflowFactory();
        await using var logged = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var client = new OutflowClient(logged.CreateClient());
        await client.SignInAsync(UtrechtCounsellor);
        await RegisterResidentAsync(client, factory.Today.AddDays(-3), initials: "Q.Z.");

        (await client.GetAsync("/search?q=Q.Z.")).Text.Should().Contain("1 resultaat");

        logs.Lines.Should().NotBeEmpty();
        logs.Lines.Should().NotContain(line => line.Contains("Q.Z.", StringComparison.Ordinal) || line.Contains("q=Q", StringComparison.Ordinal));
    }
}
