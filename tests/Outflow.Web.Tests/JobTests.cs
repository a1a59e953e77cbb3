using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Jobs;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class JobTests
{
    private static DateOnly TodayOf(OutflowFactory f) => f.Today;

    private static async Task<string> OverdueRequestAsync(OutflowFactory factory)
    {
        var today = TodayOf(factory);
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var request = await CreateDraftAsync(counsellor, await RegisterResidentAsync(counsellor, today.AddDays(-200), today.AddDays(-150), initials: "Z.Q.X."), addressedTo: "Demo Gemeente Utrecht");
        await ActAsync(counsellor, request, "File", date: Iso(today.AddDays(-100)));
        return request;
    }

    private static async Task<int> RunAsync<TJob>(OutflowFactory factory, Func<TJob, Task<int>> run)
        where TJob : notnull
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }

    [Fact]
    public async Task Running_the_scan_and_the_dispatcher_twice_notifies_each_party_once()
    {
        await using var factory = new OutflowFactory();
        var request = await OverdueRequestAsync(factory);

        var first = await RunAsync<DeadlineScan>(factory, j => j.RunAsync(CancellationToken.None));
        var second = await RunAsync<DeadlineScan>(factory, j => j.RunAsync(CancellationToken.None));
        var sent = await RunAsync<OutboxDispatcher>(factory, j => j.RunAsync(CancellationToken.None));
        var sentAgain = await RunAsync<OutboxDispatcher>(factory, j => j.RunAsync(CancellationToken.None));

        first.Should().Be(0, "filing a request whose term had already passed raised its signals at once");
        second.Should().Be(0);
        await using (var connection = await factory.Db.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Signals WHERE Kind = 'DecisionOverdue'")).Should().Be(2, "the shelter and the deciding organisation, once each");
        }

        sent.Should().Be(2);
        sentAgain.Should().Be(0);
        var mails = Directory.GetFiles(factory.MailFolder, "*.eml").Select(File.ReadAllText).ToList();
        mails.Should().HaveCount(2);
        mails.Should().OnlyContain(m => m.Contains(request) && m.Contains($"/requests/{request}") && !m.Contains("Z.Q.X."));
        mails.Should().ContainSingle(m => m.Contains("counsellor.utrecht@demo.invalid"));
        mails.Should().ContainSingle(m => m.Contains("responder.municipality.utrecht@demo.invalid"));

        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var signals = await counsellor.GetAsync("/signals");
        signals.Text.Should().Contain("Beslistermijn verstreken").And.Contain(request);
        var read = await counsellor.SubmitAsync(signals, "form[action$='/read']");
        read.Text.Should().Contain("gelezen");
        read.Document.QuerySelector("form[action$='/read']").Should().BeNull();
    }

    [Fact]
    public async Task A_notification_written_before_a_crash_is_sent_by_the_next_instance()
    {
        var first = new OutflowFactory();
        await OverdueRequestAsync(first);
        await RunAsync<DeadlineScan>(first, j => j.RunAsync(CancellationToken.None));
        var second = OutflowFactory.OnSameFolderAs(first);
        // The first instance goes down before its dispatcher ran (in-memory Hangfire state is gone with it).
        await first.DisposeAsync();
        try
        {
            var sent = await RunAsync<OutboxDispatcher>(second, j => j.RunAsync(CancellationToken.None));

            sent.Should().Be(2);
            Directory.GetFiles(second.MailFolder, "*.eml").Should().HaveCount(2);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_hangfire_dashboard_is_for_admins_only()
    {
        await using var factory = new OutflowFactory();

        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var admin = await factory.SignedInAsync("admin");

        (await counsellor.Http.GetAsync("/hangfire")).StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
        var page = await admin.Http.GetAsync("/hangfire");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Hangfire");
        (await factory.Client().GetAsync("/hangfire")).Path.Should().Be("/account/sign-in");
    }
}
