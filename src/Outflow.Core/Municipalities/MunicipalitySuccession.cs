namespace Outflow.Core.Municipalities;

/// <summary>
/// A municipality code with its validity: <see cref="ValidTo"/> is the first day it no longer
/// exists (the day of the merger), <see cref="SuccessorCode"/> the municipality it merged into.
/// </summary>
public sealed record MunicipalityValidity(string Code, DateOnly? ValidTo, string? SuccessorCode);

public static class MunicipalitySuccession
{
    /// <summary>
    /// The municipality that a code stands for on a date: itself while it exists, else its
    /// successor, followed through later mergers. A request filed in a municipality that later
    /// merged keeps its own code; reports call this to count it under the successor.
    /// </summary>
    public static string OnDate(string code, DateOnly date, IReadOnlyDictionary<string, MunicipalityValidity> municipalities)
    {
        var current = code;
        for (var hops = 0; hops < municipalities.Count + 1; hops++)
        {
            if (!municipalities.TryGetValue(current, out var m) || m.ValidTo is not { } end || date < end || m.SuccessorCode is null)
            {
                return current;
            }

            current = m.SuccessorCode;
        }

        throw new InvalidOperationException($"The successors of {code} form a cycle.");
    }
}
