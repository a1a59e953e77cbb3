using Outflow.Core.Metrics;

namespace Outflow.Web.Features.Reports;

/// <summary>
/// The binary form of a kept summary (ReportSummaries): per metric its name, then its histogram's
/// entries as (days, people) pairs, shortest first, in 7-bit variable-length integers, so a month
/// of one organisation takes a few hundred bytes. A version byte leads, so a changed layout is
/// recognised and rebuilt rather than misread.
/// </summary>
internal static class ReportSummaryCodec
{
    private const byte Version = 1;

    internal static byte[] Encode(IReadOnlyDictionary<string, DurationHistogram> summary)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Version);
        writer.Write7BitEncodedInt(summary.Count);
        foreach (var (metric, histogram) in summary.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var entries = histogram.Entries.ToList();
            writer.Write(metric);
            writer.Write7BitEncodedInt(entries.Count);
            foreach (var (days, people) in entries)
            {
                writer.Write7BitEncodedInt(days);
                writer.Write7BitEncodedInt64(people);
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Whether <paramref name="data"/> is of this layout version (else it is rebuilt).</summary>
    internal static bool IsCurrentLayout(byte[] data) => data.Length > 0 && data[0] == Version;

    /// <summary>
    /// Adds the summary encoded in <paramref name="data"/> to the histograms <paramref name="histogramOf"/>
    /// gives per metric (<paramref name="sign"/> −1: takes it away); false, adding nothing, for a layout of
    /// another version (the caller rebuilds it).
    /// </summary>
    internal static bool AddTo(byte[] data, Func<string, DurationHistogram> histogramOf, int sign = 1)
    {
        if (!IsCurrentLayout(data))
        {
            return false;
        }

        using var reader = new BinaryReader(new MemoryStream(data, 1, data.Length - 1, writable: false));
        var metrics = reader.Read7BitEncodedInt();
        for (var i = 0; i < metrics; i++)
        {
            var histogram = histogramOf(reader.ReadString());
            var entries = reader.Read7BitEncodedInt();
            for (var j = 0; j < entries; j++)
            {
                var days = reader.Read7BitEncodedInt();
                var people = reader.Read7BitEncodedInt64();
                if (sign > 0)
                {
                    histogram.Add(days, people);
                }
                else
                {
                    histogram.Remove(days, people);
                }
            }
        }

        return true;
    }
}
