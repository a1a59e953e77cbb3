namespace Outflow.Core.Metrics;

/// <summary>
/// The improper-requirement table's counts (docs/metrics.md, "Requests with an improper
/// requirement"): per kind and group, the requests with an Improper requirement that count in
/// the period, each once, and the blocked bed-days of their residents, each resident once. A
/// requirement counts when it was imposed in the period or its resident was blocked in it; its
/// request then counts in the request's groups (kind <see cref="GroupKind"/>), in the whole
/// selection (<see cref="TotalKind"/>, key "*") and under the organisation that imposed it
/// (<see cref="ImposerKind"/>).
/// </summary>
public static class ImproperTally
{
    public const string GroupKind = "group";
    public const string TotalKind = "total";
    public const string ImposerKind = "imposer";

    /// <summary>
    /// One Improper requirement: its resident and request, the resident's blocked days in the
    /// period (the same on each of her rows), whether it was imposed in the period, the groups
    /// of its request (usually one) and the name of the organisation that imposed it.
    /// </summary>
    public readonly record struct Row(Guid ResidentId, Guid RequestId, long BlockedDays, bool ImposedInPeriod, IReadOnlyList<string> Groups, string Imposer);

    /// <summary>
    /// The counts per (kind, group), in one pass over the rows ordered by resident and request:
    /// a request's keys are gathered over its rows and counted once when it ends, a resident's
    /// over her requests, her blocked days added once per key when she ends. No set of every
    /// request or resident is kept, and the keys are numbered once (a row's groups by their list,
    /// which the caller shares between rows), so the cost is a sort of the rows and a few small lists.
    /// </summary>
    public static Dictionary<(string Kind, string Group), (long Requests, long BlockedBedDays)> Count(IEnumerable<Row> rows)
    {
        var counted = rows.Where(r => r.ImposedInPeriod || r.BlockedDays > 0).ToArray();
        Array.Sort(counted, static (a, b) => a.ResidentId != b.ResidentId ? a.ResidentId.CompareTo(b.ResidentId) : a.RequestId.CompareTo(b.RequestId));

        var keys = new List<(string Kind, string Group)> { (TotalKind, "*") };
        var numbers = new Dictionary<(string Kind, string Group), int> { [(TotalKind, "*")] = 0 };
        int Number(string kind, string group)
        {
            if (!numbers.TryGetValue((kind, group), out var number))
            {
                numbers[(kind, group)] = number = keys.Count;
                keys.Add((kind, group));
            }

            return number;
        }

        var groupNumbers = new Dictionary<IReadOnlyList<string>, int[]>(ReferenceEqualityComparer.Instance);
        var imposerNumbers = new Dictionary<string, int>();
        var requests = new List<long>();
        var bedDays = new List<long>();
        var requestKeys = new List<int>();
        var residentKeys = new List<int>();
        for (var i = 0; i < counted.Length; i++)
        {
            var row = counted[i];
            if (!groupNumbers.TryGetValue(row.Groups, out var groups))
            {
                groupNumbers[row.Groups] = groups = row.Groups.Select(g => Number(GroupKind, g)).ToArray();
            }

            if (!imposerNumbers.TryGetValue(row.Imposer, out var imposer))
            {
                imposerNumbers[row.Imposer] = imposer = Number(ImposerKind, row.Imposer);
            }

            AddOnce(requestKeys, 0);
            foreach (var group in groups)
            {
                AddOnce(requestKeys, group);
            }

            AddOnce(requestKeys, imposer);
            while (requests.Count < keys.Count)
            {
                requests.Add(0);
                bedDays.Add(0);
            }

            var residentEnds = i + 1 == counted.Length || counted[i + 1].ResidentId != row.ResidentId;
            if (residentEnds || counted[i + 1].RequestId != row.RequestId)
            {
                foreach (var key in requestKeys)
                {
                    requests[key]++;
                    AddOnce(residentKeys, key);
                }

                requestKeys.Clear();
            }

            if (residentEnds)
            {
                foreach (var key in residentKeys)
                {
                    bedDays[key] += Math.Max(0, row.BlockedDays);
                }

                residentKeys.Clear();
            }
        }

        return Enumerable.Range(0, requests.Count).ToDictionary(k => keys[k], k => (requests[k], bedDays[k]));
    }

    private static void AddOnce(List<int> keys, int key)
    {
        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }
}
