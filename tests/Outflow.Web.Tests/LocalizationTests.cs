using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outflow.Core.Requests;
using Outflow.Core.Residents;
using Outflow.Web.Features.Residents;

namespace Outflow.Web.Tests;

public sealed class LocalizationTests
{
    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(AppContext.BaseDirectory, "resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static readonly Dictionary<string, string> Dutch = Read("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Read("SharedResource.en.resx");

    [Fact]
    public void Dutch_and_english_have_the_same_keys_and_no_empty_text()
    {
        Dutch.Keys.Should().BeEquivalentTo(English.Keys);
        Dutch.Values.Concat(English.Values).Should().OnlyContain(v => v.Trim().Length > 0);
    }

    [Fact]
    public void Placeholders_match_between_the_languages()
    {
        foreach (var key in Dutch.Keys)
        {
            Placeholders(Dutch[key]).Should().BeEquivalentTo(Placeholders(English[key]), key);
        }

        static IEnumerable<string> Placeholders(string text) => Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Distinct();
    }

    [Fact]
    public void Every_enum_value_shown_to_users_has_a_text()
    {
        var keys = Enum.GetNames<RequestStatus>().Select(n => "Status." + n)
            .Concat(Enum.GetNames<RequestAction>().SelectMany(n => new[] { "Action." + n, "ActionHelp." + n }))
            .Concat(Enum.GetNames<DestinationType>().Select(n => "Destination." + n))
            .Concat(Enum.GetNames<ResidentFilter>().Select(n => "Filter." + n))
            .Concat(["ActionDate.File", "ActionDate.MarkHoused", "Action.Create"])
            // Timeline steps that are not status actions (letters, notices, reviews).
            .Concat(["Action.DraftLetter", "Action.EditLetter", "Action.DraftNoticeOfDefault", "Action.NoticeOfDefaultSent", "Action.NoticeOfDefaultReceived", "Action.ClassifyRequirement"]);

        Dutch.Keys.Should().Contain(keys);
    }

    [Fact]
    public void Every_key_the_code_names_has_a_text()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src"));
        var used = Directory.EnumerateFiles(root, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "(?<!asp-(?:validation-)?for=)\"((?:[A-Z][A-Za-z]+)\\.(?:[A-Z][A-Za-z]+)(?:\\.[A-Z][A-Za-z]+)?)\"").Select(m => m.Groups[1].Value))
            .Where(k => k.Split('.')[0] is not ("Outflow" or "System" or "Microsoft" or "Model") && !k.Split('.')[0].EndsWith("Form", StringComparison.Ordinal)) // form field prefixes, not texts
            .Distinct()
            .ToList();

        used.Should().HaveCountGreaterThan(50);
        used.Where(k => !Dutch.ContainsKey(k)).Should().BeEmpty();
    }
}
