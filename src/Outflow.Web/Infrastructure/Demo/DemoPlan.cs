using Outflow.Core.Requests;
using Outflow.Core.Residents;
using Outflow.Web.Features.Requests;

namespace Outflow.Web.Infrastructure.Demo;

/// <summary>Where a demo request goes: a municipality and the body it is addressed to.</summary>
public sealed record DemoBody(string MunicipalityCode, string Organisation, bool Statutory, int MinDays, int MaxDays);

/// <summary>One workflow step as the request page would post it.</summary>
public sealed record DemoStep(RequestAction Action, ChangeStatusForm Form);

/// <summary>A requirement imposed by the addressed body, recorded and judged by the real verdict code.</summary>
public sealed record DemoRequirement(Guid Id, string TypeCode, string Wording, DateOnly ImposedOn, bool DraftLetter, int? ImposedValidityMonths = null);

/// <summary>The resident left the shelter other than through the request (recorded on her record).</summary>
public sealed record DemoExit(DateOnly Date, DestinationType Destination);

/// <summary>
/// One resident and what happens to her: registration, perhaps a request with its steps (each
/// with its effective date), requirements, a notice of default, and who in the addressed body
/// picks it up.
/// </summary>
public sealed record DemoCase(
    int Number,
    string Shelter,
    bool ByColleague,
    Guid ResidentId,
    string Initials,
    int BirthYear,
    int Adults,
    int Children,
    DateOnly IntakeDate,
    DateOnly? ReadyDate,
    string OriginMunicipalityCode,
    DemoBody? Body,
    Guid RequestId,
    IReadOnlyList<DemoStep> Steps,
    IReadOnlyList<DemoRequirement> Requirements,
    DemoExit? Exit,
    bool NoticeOfDefault,
    bool NoticeSent,
    int AssignTo)
{
    public bool HasRequest => Body is not null;
}

/// <summary>
/// The demo dataset as a plan: a few hundred residents of the two demo shelters over the last two
/// years, generated from a fixed seed with every date relative to today, plus a handful of cases
/// anchored to today so every landing page has work. Pure: the same seed and day give the same
/// plan; <see cref="DemoDataset"/> carries it out through the app's own use cases.
/// </summary>
public static class DemoPlan
{
    public const int Seed = 19_2026;

    public const string UtrechtShelter = "Demo Vrouwenopvang Utrecht";
    public const string ZwolleShelter = "Demo Vrouwenopvang Zwolle";

    /// <summary>A demo body without users on Outflow: the shelter records its steps (vastgelegd door de opvang).</summary>
    public const string BodyNotOnOutflow = "Demo Gemeente Amersfoort";

    public static readonly DemoBody GemeenteUtrecht = new("GM0344", "Demo Gemeente Utrecht", true, 20, 85);
    public static readonly DemoBody CorporatieUtrecht = new("GM0344", "Demo Woningcorporatie Utrecht", true, 14, 50);
    public static readonly DemoBody CorporatieNieuwegein = new("GM0356", "Demo Woningcorporatie Utrecht", false, 14, 45);
    public static readonly DemoBody Amersfoort = new("GM0307", BodyNotOnOutflow, true, 30, 120);
    public static readonly DemoBody WoonstichtingZwolle = new("GM0193", "Demo Woonstichting Zwolle", false, 10, 60);
    public static readonly DemoBody WoonstichtingDalfsen = new("GM0148", "Demo Woonstichting Zwolle", false, 10, 60);

    private static readonly (DemoBody Body, double Weight)[] UtrechtBodies =
        [(GemeenteUtrecht, 0.40), (CorporatieUtrecht, 0.25), (CorporatieNieuwegein, 0.10), (Amersfoort, 0.25)];

    private static readonly (DemoBody Body, double Weight)[] ZwolleBodies =
        [(WoonstichtingZwolle, 0.55), (WoonstichtingDalfsen, 0.25), (Amersfoort, 0.20)];

    private static readonly string[] Origins = ["GM0344", "GM0363", "GM0599", "GM0518", "GM0193", "GM0200", "GM0307", "GM0356", "GM0014", "GM0772", "GM0855", "GM0268"];

    private const string InitialLetters = "ABCDEFGHJKLMNPRSTVWYZ";

    private static readonly (string Type, string Wording, int? Months)[] RequirementTexts =
    [
        ("LocalTies", "U moet economisch of maatschappelijk gebonden zijn aan de gemeente.", null),
        ("RegionalTies", "U moet de afgelopen zes jaar in de regio hebben gewoond.", null),
        ("MinimumRegistration", "U moet minimaal twee jaar in de gemeente ingeschreven staan.", null),
        ("PoliceReport", "Zonder aangifte bij de politie geen urgentie.", null),
        ("BrpAtShelterAddress", "U moet ingeschreven staan op het adres van de opvang.", null),
        ("DivorceFirst", "Urgentie pas als de echtscheiding is uitgesproken.", null),
        ("DebtsBlock", "Met schulden krijgt u geen urgentie.", null),
        ("Fee", "Voor de aanvraag betaalt u € 50 leges.", null),
        ("ShortValidity", "De urgentieverklaring is vier maanden geldig.", 4),
        ("ReturnToOrigin", "U moet urgentie aanvragen in de gemeente waar u vandaan komt.", null),
        ("Other", "U moet eerst een cursus budgetbeheer afronden.", null),
        ("Other", "Wij vragen een verklaring omtrent het gedrag.", null),
        ("NotARequirement", "De bindingseis geldt niet voor bewoners van de vrouwenopvang.", null),
    ];

    private static readonly RefusalReason[] RefusalReasons =
        [RefusalReason.NotInCategory, RefusalReason.OtherSolutionAvailable, RefusalReason.TiesRequirement, RefusalReason.IncompleteApplication, RefusalReason.NoHousingNeed];

    public static IReadOnlyList<DemoCase> Build(DateOnly today, int utrechtResidents = 170, int zwolleResidents = 130)
    {
        var random = new Random(Seed);
        var cases = new List<DemoCase>();
        cases.AddRange(Showcase(today));
        for (var i = 0; i < utrechtResidents + zwolleResidents; i++)
        {
            var shelter = i < utrechtResidents ? UtrechtShelter : ZwolleShelter;
            cases.Add(Generate(random, today, cases.Count + 1, shelter));
        }

        return cases;
    }

    /// <summary>A stable id per demo record: a restart after an interrupted seed finds what was already made.</summary>
    public static Guid IdFor(string kind, int number, int index = 0) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"outflow:demo:{kind}:{number}:{index}")));

    private static DemoCase Generate(Random random, DateOnly today, int number, string shelter)
    {
        var intake = today.AddDays(-random.Next(5, 731));
        var initials = $"{InitialLetters[random.Next(InitialLetters.Length)]}.{InitialLetters[random.Next(InitialLetters.Length)]}.";
        var birthYear = today.Year - random.Next(19, 56);
        var adults = random.NextDouble() < 0.9 ? 1 : 2;
        var children = Pick(random, [(0, 0.35), (1, 0.30), (2, 0.20), (3, 0.10), (4, 0.05)]);
        var origin = Origins[random.Next(Origins.Length)];
        var byColleague = random.NextDouble() < 0.35;
        var assignTo = random.Next(4); // 0, 1: the demo responder; 2: a colleague; 3: nobody
        DateOnly? ready = random.NextDouble() < 0.85 ? intake.AddDays(random.Next(20, 181)) : null;
        if (ready > today.AddDays(-1))
        {
            ready = null;
        }

        var resident = new DemoCase(number, shelter, byColleague, IdFor("resident", number), initials, birthYear, adults, children, intake, ready, origin,
            null, IdFor("request", number), [], [], null, false, false, assignTo);
        if (ready is not { } readyDate)
        {
            // Not ready for outflow: some of those who came long ago left for elsewhere.
            var left = intake.AddDays(random.Next(30, 200));
            return left < today.AddDays(-7) && random.NextDouble() < 0.5
                ? resident with { Exit = new DemoExit(left, Pick(random, [(DestinationType.OtherShelter, 0.4), (DestinationType.ReturnedHome, 0.3), (DestinationType.Unknown, 0.3)])) }
                : resident;
        }

        var roll = random.NextDouble();
        if (roll < 0.07)
        {
            // Ready, but no request: recent ones wait in her counsellor's queue; older ones found rented housing themselves.
            var left = readyDate.AddDays(random.Next(40, 200));
            return left < today ? resident with { Exit = new DemoExit(left, DestinationType.PrivateRent) } : resident;
        }

        var body = Pick(random, shelter == UtrechtShelter ? UtrechtBodies : ZwolleBodies);
        var filed = readyDate.AddDays(random.Next(2, 31));
        if (roll < 0.10 || filed > today)
        {
            return resident with { Body = body }; // a draft, not filed yet
        }

        var script = new Timeline(today);
        DemoExit? exit = null;
        Simulate(random, script, body, filed, ref exit);
        var requirements = new List<DemoRequirement>();
        if (random.NextDouble() < 0.35)
        {
            var count = random.NextDouble() < 0.7 ? 1 : 2;
            for (var k = 0; k < count; k++)
            {
                var (type, wording, months) = RequirementTexts[random.Next(RequirementTexts.Length)];
                var imposed = Min(filed.AddDays(random.Next(0, 31)), today);
                requirements.Add(new DemoRequirement(IdFor("requirement", number, k), type, wording, imposed, random.NextDouble() < 0.65, months));
            }
        }

        return resident with
        {
            Body = body,
            Steps = script.Steps,
            Requirements = requirements,
            Exit = exit,
            NoticeOfDefault = body.Statutory && random.NextDouble() < 0.5,
            NoticeSent = random.NextDouble() < 0.6,
        };
    }

    /// <summary>Filing to moving day (or as far as today reaches): receipt, information, extension, decision, objection, offers.</summary>
    private static void Simulate(Random random, Timeline s, DemoBody body, DateOnly filed, ref DemoExit? exit)
    {
        if (!s.Add(RequestAction.File, filed))
        {
            return;
        }

        var late = random.NextDouble() < 0.15;
        var received = late ? filed.AddDays(random.Next(2, 10)) : filed;
        if (!s.Add(RequestAction.MarkReceived, received, f => f.Note = late ? "Demo: pas later uit de postkamer doorgestuurd." : null))
        {
            return;
        }

        var suspension = 0;
        var extended = false;
        if (random.NextDouble() < 0.25)
        {
            var asked = received.AddDays(random.Next(7, 26));
            if (!s.Add(RequestAction.RequestInformation, asked, f =>
                {
                    f.Question = "Demo: stuur de verklaring van de opvang over het verblijf.";
                    f.ReplyBy = asked.AddDays(14);
                }))
            {
                return;
            }

            if (random.NextDouble() < 0.85)
            {
                var supplied = asked.AddDays(random.Next(2, 13));
                suspension = supplied.DayNumber - asked.DayNumber;
                if (!s.Add(RequestAction.SupplyInformation, supplied))
                {
                    return;
                }
            }
            else
            {
                suspension = 14;
                s.NotBefore(asked.AddDays(15)); // the hersteltermijn passed unused: the body decides without it
            }
        }
        else if (body.Statutory && random.NextDouble() < 0.15)
        {
            extended = true;
            if (!s.Add(RequestAction.ExtendTerm, received.AddDays(random.Next(30, 51)), f => f.Note = "Demo: advies van de woonconsulent is nodig."))
            {
                return;
            }
        }

        var decided = Max(received.AddDays(suspension + random.Next(body.MinDays, body.MaxDays + 1) + (extended ? 30 : 0)), s.Last.AddDays(1));
        if (random.NextDouble() < 0.72)
        {
            if (s.Add(RequestAction.Grant, decided, Granted(body)))
            {
                Offers(random, s, body);
            }

            return;
        }

        if (!s.Add(RequestAction.Refuse, decided, Refused(random)))
        {
            return;
        }

        var next = random.NextDouble();
        if (body.Statutory && next < 0.45)
        {
            var objected = decided.AddDays(random.Next(10, 41));
            var committee = random.NextDouble() < 0.4;
            if (!s.Add(RequestAction.FileObjection, objected, f => { f.AdvisoryCommittee = committee; f.Note = "Demo: bezwaar tegen de weigering."; }))
            {
                return;
            }

            var onObjection = objected.AddDays(random.Next(30, 121));
            if (random.NextDouble() < 0.5)
            {
                if (s.Add(RequestAction.Grant, onObjection, Granted(body)))
                {
                    Offers(random, s, body);
                }
            }
            else
            {
                s.Add(RequestAction.Refuse, onObjection, Refused(random));
            }
        }
        else if (next < 0.7)
        {
            var withdrawn = decided.AddDays(random.Next(20, 91));
            if (s.Add(RequestAction.Withdraw, withdrawn, f => f.Note = "Demo: zij heeft zelf woonruimte gevonden."))
            {
                exit = new DemoExit(withdrawn, Pick(random, [(DestinationType.PrivateRent, 0.5), (DestinationType.OtherShelter, 0.3), (DestinationType.ReturnedHome, 0.2)]));
            }
        }
    }

    private static void Offers(Random random, Timeline s, DemoBody body)
    {
        for (var k = 0; k < 3; k++)
        {
            var offered = s.Last.AddDays(random.Next(15, 121));
            if (!s.Add(RequestAction.MakeOffer, offered, Offer(body, offered, random.Next(1, 400))))
            {
                return;
            }

            var x = random.NextDouble();
            if (x < 0.05)
            {
                if (!s.Add(RequestAction.WithdrawOffer, offered.AddDays(random.Next(1, 6)), f => f.Note = "Demo: de woning is toch niet beschikbaar."))
                {
                    return;
                }

                continue;
            }

            var answered = offered.AddDays(random.Next(1, 8));
            if (x < 0.75 || k == 2)
            {
                if (s.Add(RequestAction.AcceptOffer, answered))
                {
                    s.Add(RequestAction.MarkHoused, answered.AddDays(random.Next(7, 36)));
                }

                return;
            }

            if (!s.Add(RequestAction.DeclineOffer, answered, f => f.Note = "Demo: de woning ligt te ver van de school van de kinderen.")
                || !s.Add(RequestAction.ResumeSearch, answered.AddDays(random.Next(1, 8))))
            {
                return;
            }
        }
    }

    private static Action<ChangeStatusForm> Granted(DemoBody body) => f =>
    {
        f.SearchProfile = body.MunicipalityCode is "GM0193" or "GM0148" ? "Demo: Zwolle en Dalfsen, 2 slaapkamers" : "Demo: heel de gemeente, 2 slaapkamers";
        f.ValidFor = "Demo: alle corporaties in de gemeente";
        f.BodyReference = "DEMO-B-" + body.MunicipalityCode;
    };

    private static Action<ChangeStatusForm> Refused(Random random)
    {
        var reason = RefusalReasons[random.Next(RefusalReasons.Length)];
        return f =>
        {
            f.RefusalReason = reason;
            f.ConfirmImproperRefusal = true;
            f.Note = "Demo: weigering volgens de beschikking.";
        };
    }

    private static Action<ChangeStatusForm> Offer(DemoBody body, DateOnly offered, int house) => f =>
    {
        f.DwellingReference = $"DEMO-W-{house:D4}";
        f.Address = $"Demostraat {house}, {(body.MunicipalityCode is "GM0193" or "GM0148" ? "Zwolle" : "Utrecht")}";
        f.ViewingDate = offered.AddDays(3);
        f.OfferReplyBy = offered.AddDays(7);
    };

    /// <summary>Cases anchored to today for the demo logins, so each landing page shows each kind of work.</summary>
    private static IEnumerable<DemoCase> Showcase(DateOnly today)
    {
        var n = 0;
        DemoCase Case(string shelter, DemoBody? body, int intake, int? ready, Action<Timeline>? steps = null, DemoRequirement[]? requirements = null, bool notice = false, bool sent = false, DemoExit? exit = null)
        {
            n++;
            var script = new Timeline(today);
            steps?.Invoke(script);
            return new DemoCase(-n, shelter, false, IdFor("resident", -n), $"{InitialLetters[n % InitialLetters.Length]}.D.", today.Year - 30 - n % 15, 1, n % 3,
                today.AddDays(intake), ready is { } r ? today.AddDays(r) : null, Origins[n % Origins.Length], body, IdFor("request", -n), script.Steps,
                requirements ?? [], exit, notice, sent, 0);
        }

        DateOnly D(int days) => today.AddDays(days);
        DemoRequirement Requirement(string type, string wording, int imposed, bool letter) => new(IdFor("requirement", -n - 1, 0), type, wording, D(imposed), letter);

        foreach (var shelter in new[] { UtrechtShelter, ZwolleShelter })
        {
            var utrecht = shelter == UtrechtShelter;
            var main = utrecht ? GemeenteUtrecht : WoonstichtingZwolle;
            var corporation = utrecht ? CorporatieUtrecht : WoonstichtingZwolle;

            // Information asked five days ago, with a flagged requirement still without a letter.
            yield return Case(shelter, main, -120, -60, s =>
            {
                s.Add(RequestAction.File, D(-40));
                s.Add(RequestAction.MarkReceived, D(-40));
                s.Add(RequestAction.RequestInformation, D(-5), f => { f.Question = "Demo: stuur de beschikking van de opvang."; f.ReplyBy = D(9); });
            }, [Requirement("LocalTies", "U moet economisch of maatschappelijk gebonden zijn aan de gemeente.", -30, false)]);

            // An offer to answer within four days.
            yield return Case(shelter, corporation, -300, -240, s =>
            {
                s.Add(RequestAction.File, D(-230));
                s.Add(RequestAction.MarkReceived, D(-230));
                s.Add(RequestAction.Grant, D(-190), Granted(corporation));
                s.Add(RequestAction.MakeOffer, D(-3), Offer(corporation, D(-3), 7));
            });

            // A decision overdue on the statutory track: a notice of default sent and received.
            yield return Case(shelter, utrecht ? GemeenteUtrecht : Amersfoort, -200, -130, s =>
            {
                s.Add(RequestAction.File, D(-110));
                s.Add(RequestAction.MarkReceived, D(-110));
            }, notice: true, sent: true);

            // A decision overdue at a body that is not on Outflow; the shelter recorded the late receipt.
            yield return Case(shelter, Amersfoort, -160, -100, s =>
            {
                s.Add(RequestAction.File, D(-80));
                s.Add(RequestAction.MarkReceived, D(-74), f => { f.Note = "Demo: de gemeente meldt ontvangst pas na zes dagen."; f.BodyReference = "DEMO-AMF-17"; });
            }, notice: true);

            // An urgency statement that expires in three weeks, no offer yet.
            yield return Case(shelter, main, -500, -420, s =>
            {
                var granted = today.AddMonths(-12).AddDays(21);
                s.Add(RequestAction.File, granted.AddDays(-50));
                s.Add(RequestAction.MarkReceived, granted.AddDays(-50));
                s.Add(RequestAction.Grant, granted, f => { Granted(main)(f); f.ValidityMonths = 12; });
            });

            // Ready for a month, no request yet; and a draft not filed.
            yield return Case(shelter, null, -150, -30);
            yield return Case(shelter, corporation, -90, -20);

            // Refused on an improper ground, objection pending (statutory track).
            yield return Case(shelter, utrecht ? GemeenteUtrecht : Amersfoort, -260, -200, s =>
            {
                s.Add(RequestAction.File, D(-190));
                s.Add(RequestAction.MarkReceived, D(-190));
                s.Add(RequestAction.Refuse, D(-150), f => { f.RefusalReason = RefusalReason.TiesRequirement; f.ConfirmImproperRefusal = true; f.Note = "Demo: geen binding met de gemeente."; });
                s.Add(RequestAction.FileObjection, D(-140), f => f.AdvisoryCommittee = true);
            }, [Requirement("RegionalTies", "U moet de afgelopen zes jaar in de regio hebben gewoond.", -150, true)]);

            // Offer declined, waiting for the search to resume; and one accepted, waiting for the move.
            yield return Case(shelter, corporation, -330, -280, s =>
            {
                s.Add(RequestAction.File, D(-270));
                s.Add(RequestAction.MarkReceived, D(-270));
                s.Add(RequestAction.Grant, D(-240), Granted(corporation));
                s.Add(RequestAction.MakeOffer, D(-20), Offer(corporation, D(-20), 11));
                s.Add(RequestAction.DeclineOffer, D(-15), f => f.Note = "Demo: de woning is niet toegankelijk voor haar rolstoel.");
            });
            yield return Case(shelter, corporation, -350, -300, s =>
            {
                s.Add(RequestAction.File, D(-290));
                s.Add(RequestAction.MarkReceived, D(-288), f => f.Note = "Demo: ontvangen na het weekend.");
                s.Add(RequestAction.Grant, D(-250), Granted(corporation));
                s.Add(RequestAction.MakeOffer, D(-12), Offer(corporation, D(-12), 23));
                s.Add(RequestAction.AcceptOffer, D(-8));
            });

            // Term extended, still running; filed yesterday, not yet received.
            yield return Case(shelter, main, -100, -70, s =>
            {
                s.Add(RequestAction.File, D(-50));
                s.Add(RequestAction.MarkReceived, D(-50));
                s.Add(RequestAction.ExtendTerm, D(-10), f => f.Note = "Demo: het advies van de woonconsulent is nog niet binnen.");
            });
            yield return Case(shelter, corporation, -60, -25, s => s.Add(RequestAction.File, D(-1)));

            // Housed last week, and withdrawn after she found a room herself.
            yield return Case(shelter, corporation, -400, -330, s =>
            {
                s.Add(RequestAction.File, D(-320));
                s.Add(RequestAction.MarkReceived, D(-320));
                s.Add(RequestAction.Grant, D(-280), Granted(corporation));
                s.Add(RequestAction.MakeOffer, D(-40), Offer(corporation, D(-40), 31));
                s.Add(RequestAction.AcceptOffer, D(-36));
                s.Add(RequestAction.MarkHoused, D(-7));
            });
            yield return Case(shelter, main, -250, -200, s =>
            {
                s.Add(RequestAction.File, D(-190));
                s.Add(RequestAction.MarkReceived, D(-190));
                s.Add(RequestAction.Withdraw, D(-60), f => f.Note = "Demo: zij heeft zelf een kamer gevonden.");
            }, exit: new DemoExit(D(-60), DestinationType.PrivateRent));

            // Information asked and supplied by the counsellor, then granted.
            yield return Case(shelter, main, -200, -150, s =>
            {
                s.Add(RequestAction.File, D(-140));
                s.Add(RequestAction.MarkReceived, D(-140));
                s.Add(RequestAction.RequestInformation, D(-120), f => { f.Question = "Demo: stuur het inkomen van de laatste drie maanden."; f.ReplyBy = D(-106); });
                s.Add(RequestAction.SupplyInformation, D(-112));
                s.Add(RequestAction.Grant, D(-70), Granted(main));
            });
        }
    }

    private static T Pick<T>(Random random, (T Value, double Weight)[] choices)
    {
        var roll = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            roll -= weight;
            if (roll < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>A request's steps in order; the first step that would fall after today ends the script (the case is still open).</summary>
    private sealed class Timeline(DateOnly today)
    {
        public List<DemoStep> Steps { get; } = [];

        public DateOnly Last { get; private set; } = DateOnly.MinValue;

        private bool stopped;

        public void NotBefore(DateOnly date) => Last = Max(Last, date);

        public bool Add(RequestAction action, DateOnly date, Action<ChangeStatusForm>? fill = null)
        {
            date = Max(date, Last);
            if (stopped || date > today)
            {
                stopped = true;
                return false;
            }

            var form = new ChangeStatusForm { Action = action, Date = date, Confirmed = RequestWorkflow.IsIrreversible(action) };
            fill?.Invoke(form);
            Steps.Add(new DemoStep(action, form));
            Last = date;
            return true;
        }
    }
}
