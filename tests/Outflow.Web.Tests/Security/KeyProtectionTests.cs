using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outflow.Web.Infrastructure.Security;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests.Security;

/// <summary>Issue 16, finding 1: a copy of the data folder must not decrypt anything.</summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public void Production_refuses_to_start_with_an_unprotected_key_ring_and_says_how()
    {
        using var factory = new SecurityFactory { EnvironmentName = "Production" };
        factory.Extra["DataProtection:KeysPath"] = factory.Folder + "-keys";

        var start = () => factory.Services;

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains("not encrypted at rest") && e.ToString().Contains("DataProtection:CertificatePath"));
    }

    [Fact]
    public void Production_refuses_a_key_ring_inside_the_database_folder()
    {
        using var factory = new SecurityFactory { EnvironmentName = "Production" };
        factory.Extra["DataProtection:KeysPath"] = Path.Combine(factory.Folder, "keys");
        factory.Extra["DataProtection:CertificatePath"] = TestCertificate.Path;
        factory.Extra["DataProtection:CertificatePassword"] = TestCertificate.Password;

        var start = () => factory.Services;

        start.Should().Throw<Exception>().Where(e => e.ToString().Contains("inside the database folder"));
    }

    [Fact]
    public async Task Development_and_tests_start_with_an_unprotected_key_ring_and_a_warning()
    {
        await using var factory = new SecurityFactory(); // keys unprotected, beside the database

        (await factory.Client().GetAsync("/account/sign-in")).Status.Should().Be(HttpStatusCode.OK);

        factory.Services.GetRequiredService<KeyRingStatus>().Problems.Should().HaveCount(2, "not encrypted at rest, and inside the database folder");
    }

    [Fact]
    public async Task Production_starts_with_a_certificate_and_writes_only_encrypted_keys_outside_the_data_folder()
    {
        await using var factory = SecurityFactory.Production();

        var page = await factory.Client().GetAsync("/account/sign-in");

        page.Status.Should().Be(HttpStatusCode.OK);
        var keyFiles = Directory.GetFiles(factory.Extra["DataProtection:KeysPath"]!, "key-*.xml");
        keyFiles.Should().NotBeEmpty();
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            xml.Should().Contain("encryptedSecret").And.NotContain("requiresEncryption=\"true\"", "the master key must not be stored in plain text");
        }

        Directory.GetFiles(factory.Folder, "key-*.xml", SearchOption.AllDirectories).Should().BeEmpty("no key lives beside the database");
    }

    [Fact]
    public async Task Restore_drill_the_right_keys_read_every_field_wrong_keys_are_reported_and_change_nothing()
    {
        await using var original = Protected(new SecurityFactory());
        var @case = await FullCase.CreateAsync(original);
        var stored = await ProtectedValuesAsync(original);
        stored.Select(v => v.Column).Distinct().Should().Contain(
        [
            "Residents.InitialsProtected", "Residents.OriginMunicipalityProtected", "RequestEvents.NoteProtected", "Offers.AddressProtected",
            "Offers.DwellingReferenceProtected", "UrgencyRequests.SearchProfileProtected", "UrgencyRequests.ValidForProtected",
            "Requirements.WordingProtected", "Requirements.EvidenceReferenceProtected", "LetterDrafts.BodyProtected",
        ]);

        // Restored with the wrong key ring: the app starts, says so, shows "unreadable", changes nothing.
        await using (var wrong = SecurityFactory.Sibling(original, new Dictionary<string, string?> { ["DataProtection:KeysPath"] = original.Folder + "-wrong-keys" }))
        {
            await using var scope = wrong.Services.CreateAsyncScope();
            var check = await scope.ServiceProvider.GetRequiredService<KeyRingCheck>().RunAsync();
            check.KeysMatch.Should().BeFalse();
            var page = await (await wrong.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{@case.Resident}");
            page.Status.Should().Be(HttpStatusCode.OK);
            page.Text.Should().Contain("Niet leesbaar (sleutel ontbreekt)").And.NotContain("K.L.");
            (await ProtectedValuesAsync(wrong)).Should().Equal(stored, "a start with the wrong keys must not re-encrypt or blank anything");
        }

        // Restored with the right key ring: every field reads again.
        await using var right = SecurityFactory.Sibling(original);
        await using (var scope = right.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<KeyRingCheck>().RunAsync()).KeysMatch.Should().BeTrue();
            var protector = scope.ServiceProvider.GetRequiredService<FieldProtector>();
            stored.Should().OnlyContain(v => protector.CanRead(v.Value), "every encrypted field is readable with the right keys");
        }

        var counsellor = await right.SignedInAsync(UtrechtCounsellor);
        var text = (await counsellor.GetAsync($"/requests/{@case.Request}")).Text + (await counsellor.GetAsync($"/residents/{@case.Resident}")).Text;
        FullCase.PlainTexts.Where(p => !text.Contains(p, StringComparison.Ordinal)).Should().BeEmpty("every field reads again: {0}", text);
    }

    [Fact]
    public async Task Several_instances_share_one_key_ring_folder_and_certificate()
    {
        // The SQL Server set-up (docs/operations.md): every instance points DataProtection:KeysPath at
        // the same share and loads the same certificate; what one encrypts, the others read.
        await using var first = Protected(new SecurityFactory());
        await using var second = SecurityFactory.Sibling(first);
        var reference = await RegisterResidentAsync(await first.SignedInAsync(UtrechtCounsellor), first.Today.AddDays(-3), initials: "S.T.");

        var page = await (await second.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{reference}");

        page.Text.Should().Contain("S.T.");
        Directory.GetFiles(first.Extra["DataProtection:KeysPath"]!, "key-*.xml").Should().HaveCount(1, "the second instance used the first one's key");
    }

    private static SecurityFactory Protected(SecurityFactory factory)
    {
        factory.Extra["DataProtection:KeysPath"] = factory.Folder + "-keys";
        factory.Extra["DataProtection:CertificatePath"] = TestCertificate.Path;
        factory.Extra["DataProtection:CertificatePassword"] = TestCertificate.Password;
        return factory;
    }

    private static async Task<List<(string Column, string Value)>> ProtectedValuesAsync(OutflowFactory factory)
    {
        var values = new List<(string, string)>();
        await using var connection = await factory.Db.OpenAsync();
        foreach (var (table, column) in await SchemaColumns.TextColumnsAsync(connection))
        {
            if (column.EndsWith("Protected", StringComparison.Ordinal))
            {
                foreach (var value in await connection.QueryAsync<string?>($"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY {column}"))
                {
                    values.Add(($"{table}.{column}", value!));
                }
            }
        }

        return values;
    }
}
