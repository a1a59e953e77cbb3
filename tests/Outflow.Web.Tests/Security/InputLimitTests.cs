using System.Net;
using Dapper;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>
/// Issue 16, findings 9 and 10: too many fields or too large a body answer 400/413 with a page
/// (signed in or not, also in Production), an id of another record answers 404, and the URL's
/// reference always wins over a posted "Reference".
/// </summary>
public sealed class InputLimitTests(OutflowFactory factory) : IClassFixture<OutflowFactory>
{
    private static FormUrlEncodedContent ManyFields(int count) =>
        new(Enumerable.Range(0, count).Select(i => new KeyValuePair<string, string>("f" + i, "x")));

    [Fact]
    public async Task Too_many_form_fields_answer_400_with_a_page_signed_out_and_in()
    {
        var anonymous = await factory.Client().PostAsync("/account/sign-in", ManyFields(2000));
        var signedIn = await (await factory.SignedInAsync(UtrechtCounsellor)).PostAsync("/residents/new", ManyFields(2000));

        foreach (var page in new[] { anonymous, signedIn })
        {
            page.Status.Should().Be(HttpStatusCode.BadRequest, page.Text);
            page.Status.Should().Be(HttpStatusCode.BadRequest);
            page.Document.QuerySelector("h1")!.TextContent.Should().Be("Het formulier kon niet worden verwerkt");
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_with_a_page()
    {
        var body = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        body.Headers.ContentType = new("application/x-www-form-urlencoded");

        var page = await factory.Client().PostAsync("/account/sign-in", body);

        page.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        page.Document.QuerySelector("h1")!.TextContent.Should().Be("Te veel gegevens verstuurd");
    }

    [Fact]
    public async Task In_production_oversized_input_also_gets_a_page_never_a_500()
    {
        await using var production = SecurityFactory.Production();
        var client = production.Client();

        var fields = await client.PostAsync("/account/sign-in", ManyFields(1500));
        var body = new ByteArrayContent(new byte[31 * 1024 * 1024]);
        body.Headers.ContentType = new("application/x-www-form-urlencoded");
        var large = await client.PostAsync("/account/sign-in", body);

        fields.Status.Should().Be(HttpStatusCode.BadRequest);
        fields.Document.QuerySelector("h1")!.TextContent.Should().Be("Het formulier kon niet worden verwerkt");
        large.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        large.Document.QuerySelector("h1")!.TextContent.Should().Be("Te veel gegevens verstuurd");
    }

    [Fact]
    public async Task Posting_the_id_of_another_organisations_record_answers_not_found()
    {
        var zwolle = await factory.SignedInAsync(ZwolleCounsellor);
        var theirs = await RegisterResidentAsync(zwolle, factory.Today.AddDays(-5));
        await using var connection = await factory.Db.OpenAsync();
        var theirId = await connection.ExecuteScalarAsync<string>("SELECT Id FROM Residents WHERE Reference = @theirs", new { theirs });

        var utrecht = await factory.SignedInAsync(UtrechtCounsellor);
        var form = await utrecht.GetAsync("/residents/new");
        form.Form("form[action='/residents/new']").QuerySelector("input[name=Id]")!.SetAttribute("value", theirId);
        var page = await utrecht.SubmitAsync(form, "form[action='/residents/new']", Fields(
            ("Initials", "Q.R."), ("BirthYear", "1991"), ("Adults", "1"), ("Children", "0"), ("IntakeDate", Iso(factory.Today.AddDays(-2)))));

        page.Status.Should().Be(HttpStatusCode.NotFound);
        (await connection.ExecuteScalarAsync<string>("SELECT Reference FROM Residents WHERE Id = @theirId", new { theirId })).Should().Be(theirs, "her record is untouched");
    }

    [Fact]
    public async Task The_reference_in_the_url_wins_over_a_posted_reference()
    {
        var counsellor = await factory.SignedInAsync(UtrechtCounsellor);
        var first = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-10), initials: "E.E.");
        var second = await RegisterResidentAsync(counsellor, factory.Today.AddDays(-10), initials: "T.T.");
        var edit = await counsellor.GetAsync($"/residents/{first}/edit");
        var form = edit.Form("form[action$='/edit']");
        var extra = edit.Document.CreateElement("input");
        extra.SetAttribute("name", "Reference");
        extra.SetAttribute("value", second);
        form.AppendChild(extra);

        await counsellor.SubmitAsync(form, Fields(("Initials", "V.V."), ("Reference", second)));

        (await counsellor.GetAsync($"/residents/{first}")).Text.Should().Contain("V.V.");
        (await counsellor.GetAsync($"/residents/{second}")).Text.Should().Contain("T.T.").And.NotContain("V.V.");
    }
}
