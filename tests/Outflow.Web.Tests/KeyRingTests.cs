using System.Net;
using Outflow.Web.Tests.Infrastructure;
using static Outflow.Web.Tests.Infrastructure.Scenario;

namespace Outflow.Web.Tests;

public sealed class KeyRingTests
{
    [Fact]
    public async Task A_second_instance_with_the_same_key_folder_reads_what_the_first_encrypted()
    {
        await using var first = new OutflowFactory();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var reference = await RegisterResidentAsync(await first.SignedInAsync(UtrechtCounsellor), today.AddDays(-3), initials: "M.N.");

        await using var second = OutflowFactory.OnSameFolderAs(first);
        var page = await (await second.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{reference}");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().Contain("M.N.");
    }

    [Fact]
    public async Task Without_the_key_ring_the_fields_are_unreadable_but_the_pages_still_work()
    {
        await using var factory = new OutflowFactory();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var client = await factory.SignedInAsync(UtrechtCounsellor);
        var reference = await RegisterResidentAsync(client, today.AddDays(-3), initials: "M.N.");

        await using var restored = new RestoredWithoutKeys(factory);
        var page = await (await restored.SignedInAsync(UtrechtCounsellor)).GetAsync($"/residents/{reference}");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().Contain("Niet leesbaar (sleutel ontbreekt)").And.NotContain("M.N.");
    }

    /// <summary>The same database restored on a machine whose key folder was not backed up.</summary>
    private sealed class RestoredWithoutKeys(OutflowFactory original) : OutflowFactory(original.Folder)
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = base.Settings;
                settings["DataProtection:KeysPath"] = Path.Combine(original.Folder, "other-keys");
                return settings;
            }
        }
    }
}
