using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Outflow.Core.Requirements;

/// <summary>A proposed catalogue type with the words of the wording that matched and the pattern groups that fired.</summary>
public sealed record TypeSuggestion(string TypeCode, int Score, IReadOnlyList<string> MatchedWords, IReadOnlyList<string> Groups);

/// <summary>
/// Proposes catalogue types for a requirement from its Dutch wording (issue 18). No external
/// service and no trained model: the wording is normalised (case, accents, punctuation, number
/// words, common spelling variants) and read against pattern groups a lawyer can read below; each
/// group adds its weight to one type. The most likely types come first, each with the words that
/// matched, so the counsellor sees why. docs/legal-basis.md lists the groups.
/// </summary>
public static partial class RequirementClassifier
{
    /// <summary>One readable pattern group: the type it points to, its weight and a name shown in the reason.</summary>
    public sealed record PatternGroup(string TypeCode, string Name, int Weight, Regex Pattern);

    /// <summary>A guard against a runaway pattern, generous enough that a busy machine (CI on two cores) never trips it on a short wording.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static PatternGroup G(string type, string name, int weight, string pattern) =>
        new(type, name, weight, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout));

    private const string Period = @"\d+ (?:jaar|jaren|maand|maanden|week|weken)";

    /// <summary>The pattern groups, on the normalised wording (lower case, no accents, no punctuation, numbers as digits).</summary>
    public static readonly IReadOnlyList<PatternGroup> Groups =
    [
        // Not a requirement at all: an exemption or a rule that does not bind her. Outweighs what it mentions.
        G("NotARequirement", "exemption", 8, @"\b(?:uitgezonderd|uitzondering|vrijgesteld|geldt niet voor|gelden niet voor|niet van toepassing|hoeft niet|hoeven niet|zijn uitgesloten van deze eis|niet nodig voor)\b|\b(?:geldt|gelden) (?:de |het |deze |die )?\w+ niet\b(?! meer)"),
        // A circumstance that in itself is no ground: not a bar to her shelter ground.
        G("CircumstanceNotAGround", "circumstance-no-ground", 9, @"\b(?:schulden|schuld|inkomensdaling|daling van (?:het |uw )?inkomen|financiele problemen|huurachterstand|betalingsachterstand|scheiding|relatieproblemen)\b.{0,40}\b(?:is|zijn|vormt|vormen|geeft|geven)\b.{0,25}\bgeen\b.{0,20}\b(?:urgentiegrond|grond|reden|indicatie|urgentie)\b"),
        // Ties.
        G("RegionalTies", "region", 5, @"\b(?:woningmarktregio|regionale binding|binding met de regio|in de regio|regio \w+ (?:gewoond|gewerkt|ingeschreven)|binnen de regio|regiogemeente|regiogemeenten|subregio)\b"),
        G("LocalTies", "ties", 4, @"\b(?:economisch\w*|maatschappelijk\w*) (?:of (?:economisch\w*|maatschappelijk\w*) )?(?:gebonden|binding)\b|\b(?:binding met|gebonden (?:zijn |is )?aan) (?:de |deze |onze )?(?:gemeente|kern|dorp|wijk|stad)\b|\blokale binding\b|\bbindingseis\b|\bwerk(?:t|en)? in de gemeente\b|\bkinderen naar school in de gemeente\b|\b(?:bijzondere )?band met (?:de |die |deze |onze )?(?:gemeente|kern|stad)\b"),
        G("LocalTies", "lives-in-municipality", 4, @"\b(?:als|indien|wanneer) u\b.{0,20}\b(?:in|binnen) (?:de |deze |onze )?gemeente\b.{0,30}\b(?:woont|werkt)\b|\bingeschreven\b.{0,20}\bbrp\b.{0,5}\bin de gemeente waar u\b"),
        G("MinimumRegistration", "registration-period", 5, @"\b(?:ingeschreven|inschrijving|inschrijfduur|gewoond|woonachtig|wonen|woonde|woonden|woont|ingezetene)\b.{0,50}\b" + Period + @"|\b" + Period + @"\b.{0,50}\b(?:ingeschreven|inschrijving|inschrijfduur|gewoond|woonachtig|wonen|woonde|woonden|woont|ingezetene|aaneengesloten|onafgebroken)\b"),
        G("BrpAtShelterAddress", "brp-shelter-address", 7, @"\b(?:ingeschreven|inschrijving|inschrijven|brp)\b.{0,40}\b(?:opvangadres|adres van de opvang|adres van de instelling|opvanglocatie|briefadres)\b|\bbrp\b.{0,30}\bopvang\b"),
        G("ReturnToOrigin", "origin", 6, @"\b(?:gemeente van herkomst|herkomstgemeente|oorspronkelijke (?:woon)?gemeente|vorige (?:woon)?gemeente|vorige woonplaats|eigen gemeente|waar (?:zij|u|ze) (?:vandaan komt|eerder woonde|woonde)|terug(?:keren|gaan)? naar)\b|\bgemeente waar (?:het probleem|de noodsituatie|de situatie|het geweld|de urgente situatie|de problemen) (?:is |zijn )?ontstaan\b"),
        G("ReferralElsewhere", "referral", 7, @"\b(?:doorverwezen|doorverwijzen|verwezen|verwijzen|wendt u zich|wenden tot)\b.{0,40}\b(?:andere gemeente|elders|gemeente)\b|\bandere gemeente\b.{0,40}\b(?:meer|ruimer) (?:woningen|aanbod)\b|\bniet in behandeling\b"),
        G("PoliceReport", "police", 6, @"\b(?:aangifte|proces verbaal|politierapport|verklaring van de politie|politie)\b"),
        G("DivorceFirst", "divorce", 6, @"\b(?:echtscheiding\w*|scheidingsconvenant|ouderschapsplan|scheiding (?:is )?(?:uitgesproken|ingeschreven|afgerond)|beschikking van de rechter)\b"),
        G("DebtsBlock", "debts", 5, @"\b(?:schulden|schuld|huurachterstand|schuldhulp\w*|bewindvoering|betalingsachterstand)\b"),
        G("LostAfterTemporaryLodging", "temporary-lodging", 7, @"\b(?:tijdelijk\w* (?:onderdak|woonruimte|huisvesting|woning|verblijf)|logeer\w*|onderhuur|anti ?kraak\w*|bij familie of vrienden)\b.{0,60}\b(?:vervalt|ingetrokken|intrekken|beeindigd|geen urgentie meer|verliest)\b|\b(?:vervalt|ingetrokken|intrekken|verliest)\b.{0,60}\b(?:tijdelijk\w* (?:onderdak|woonruimte|huisvesting|woning))\b|\btijdelijk\w* (?:onderdak|woonruimte|huisvesting)\b.{0,20}\bgevonden\b"),
        G("OtherSolution", "other-solution", 6, @"\b(?:kamer (?:huren|zoeken|te huren)|andere oplossing|zelf (?:een )?(?:woning|oplossing|woonruimte)|particuliere (?:huur|markt|sector)|vrije sector|zelfredzaam|in staat (?:om )?zelf)\b|\b(?:kamerhuur|kamerverhuur|vrijesectorwoning\w*)\b|\bop een andere manier\b.{0,30}\bopgelost\b|\bniet in staat\b.{0,40}\bwoning te zorgen\b|\book een oplossing\b"),
        G("ShelterKind", "shelter-kind", 7, @"\b(?:erkende|gecontracteerde|geregistreerde|gesubsidieerde) (?:opvang\w*|instelling|vrouwenopvang)\b|\b(?:alleen|uitsluitend) (?:voor |bij )?(?:bewoners van |clienten van )?(?:de )?(?:opvang|vrouwenopvang|instelling) (?:van|in) (?:de |deze )?(?:gemeente|regio)\b|\bcrisisopvang (?:telt|geldt) niet\b|\bniet (?:via|bij) (?:een )?(?:erkende|gecontracteerde)\b|\b(?:opvang\w*|instelling|vrouwenopvang)\b.{0,60}\b(?:aangesloten|gecontracteerd|erkend)\b|\bfederatie opvang\b"),
        G("CategoryRefused", "category", 5, @"\b(?:valt|vallen|vallen) niet onder\b|\bgeen urgentiecategorie\b|\b(?:komt|komen) niet in aanmerking\b|\b(?:opvang|vrouwenopvang|huiselijk geweld)\b.{0,30}\b(?:is|geeft|vormt) geen\b.{0,20}\b(?:grond|urgentie|reden)\b|\bcategorie\b.{0,50}\bniet (?:erkend|toegepast)\b"),
        G("LimitedScope", "scope", 5, @"\b(?:alleen|uitsluitend|enkel)\b.{0,20}\b(?:bij|via|voor|in)\b.{0,10}\b(?:1|een) (?:corporatie|verhuurder|woningcorporatie|wijk)\b|\bbeperkt tot\b.{0,60}\b(?:corporatie|wijk|verhuurder)\b"),
        G("SearchProfileRestricted", "search-profile", 5, @"\bzoekprofiel\b|\bgeen (?:keuze|voorkeur)\b.{0,30}\b(?:wijk|gebied|woningtype|buurt)\b|\bminst schaarse\b|\b(?:alleen|uitsluitend)\b.{0,20}\b(?:portiekflats|flats|etagewoningen|bovenwoningen|woningen (?:zonder lift|in de wijk))\b|\bte kiezen uit\b"),
        G("ShortValidity", "validity", 4, @"\b(?:geldig|geldigheid|geldt|vervalt|verloopt|houdbaar)\b.{0,40}\b\d+ (?:maand|maanden|week|weken)\b|\b\d+ (?:maand|maanden|week|weken)\b.{0,40}\b(?:geldig|geldigheid|vervalt|verloopt)\b"),
        G("ShortValidity", "time-to-search", 6, @"\b\d+ (?:maand|maanden|week|weken) de tijd\b|\b\d+ (?:maand|maanden|week|weken)\b.{0,100}\b(?:vervalt|verloopt) de urgentie\b"),
        G("MinimumIncome", "income-floor", 6, @"\bminimum ?inkomen\b|\bminimaal inkomen\b|\binkomen van (?:ten minste|minimaal|minstens)\b|\bvoldoende inkomen\b|\binkomen\b.{0,30}\b(?:hoog genoeg|toereikend|te laag)\b|\bonder de (?:bijstandsnorm|inkomensgrens) geen\b"),
        G("MaximumIncome", "income-ceiling", 6, @"\b(?:huishoud|gezins|verzamel)?inkomen\w*\b.{0,20}\b(?:tot )?(?:maximaal|ten hoogste)\b|\bmaximum ?inkomen\b|\bmaximaal inkomen\b|\binkomen\b.{0,30}\b(?:boven|hoger dan|te hoog|meer dan)\b|\bte hoog inkomen\b|\binkomensgrens\b.{0,30}\bboven\b"),
        G("Fee", "fee", 6, @"\bleges\b|\b(?:kosten|betalen|betaalt|bedrag)\b.{0,30}\b(?:aanvraag|urgentieaanvraag|behandeling)\b|\b\d+ euro\b|\beur \d+\b|\beuro \d+\b|\bkosten verbonden\b|\badministratiekosten\b|\bbijdrage in de kosten\b"),
    ];

    private static readonly Dictionary<string, string> NumberWords = new()
    {
        ["twee"] = "2", ["drie"] = "3", ["vier"] = "4", ["vijf"] = "5", ["zes"] = "6", ["zeven"] = "7", ["acht"] = "8",
        ["negen"] = "9", ["tien"] = "10", ["elf"] = "11", ["twaalf"] = "12", ["vijftien"] = "15", ["achttien"] = "18", ["twintig"] = "20",
    };

    private static readonly (string From, string To)[] Variants =
    [
        ("inschrijvingsduur", "inschrijfduur"), ("inschrijftijd", "inschrijfduur"), ("inschrijvingstermijn", "inschrijfduur"),
        ("basisregistratie personen", "brp"), ("basis registratie personen", "brp"), ("gba", "brp"), ("vrouwen opvang", "vrouwenopvang"), ("urgentie verklaring", "urgentieverklaring"),
        ("woon urgentie", "urgentie"), ("proces verbaal", "proces verbaal"), ("pv", "proces verbaal"), ("e mail", "email"),
        ("ingeschreven gestaan", "ingeschreven"), ("ingeschreven staan", "ingeschreven"), ("ingeschreven zijn", "ingeschreven"),
        ("minimuminkomen", "minimum inkomen"), ("maximuminkomen", "maximum inkomen"), ("woningmarkt regio", "woningmarktregio"),
        ("een jaar", "1 jaar"), ("een half jaar", "6 maanden"), ("half jaar", "6 maanden"), ("anderhalf jaar", "18 maanden"),
        ("een maand", "1 maand"), ("ruim", ""), ("tenminste", "ten minste"), ("minstens", "ten minste"),
    ];

    /// <summary>Lower case, accents removed, punctuation to spaces, number words to digits, spelling variants to one form.</summary>
    public static string Normalise(string wording)
    {
        // The euro sign is punctuation to the loop below; keep it as a word, so "€ 55" reads as an amount.
        var decomposed = wording.Replace("€", " euro ", StringComparison.Ordinal).ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(char.IsLetterOrDigit(ch) ? ch : ' ');
        }

        var words = Spaces().Split(text.ToString().Trim()).Where(w => w.Length > 0).Select(w => NumberWords.TryGetValue(w, out var digit) ? digit : w);
        var joined = " " + string.Join(' ', words) + " ";
        foreach (var (from, to) in Variants)
        {
            joined = joined.Replace(" " + from + " ", " " + to + " ", StringComparison.Ordinal);
        }

        return Spaces().Replace(joined, " ").Trim();
    }

    /// <summary>The most likely types, best first (at most three), each with what matched; empty when nothing did.</summary>
    public static IReadOnlyList<TypeSuggestion> Suggest(string wording)
    {
        var text = Normalise(wording);
        var byType = new Dictionary<string, (int Score, List<string> Words, List<string> Groups, int Order)>();
        for (var i = 0; i < Groups.Count; i++)
        {
            var group = Groups[i];
            var matches = group.Pattern.Matches(text);
            if (matches.Count == 0)
            {
                continue;
            }

            var entry = byType.TryGetValue(group.TypeCode, out var e) ? e : (Score: 0, Words: new List<string>(), Groups: new List<string>(), Order: i);
            entry.Score += group.Weight;
            entry.Words.AddRange(matches.Select(m => m.Value.Trim()).Where(w => !entry.Words.Contains(w)));
            entry.Groups.Add(group.Name);
            byType[group.TypeCode] = entry;
        }

        return byType.OrderByDescending(kv => kv.Value.Score).ThenBy(kv => kv.Value.Order)
            .Take(3)
            .Select(kv => new TypeSuggestion(kv.Key, kv.Value.Score, kv.Value.Words, kv.Value.Groups))
            .ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
