using System.Globalization;

namespace Outflow.Core;

/// <summary>An error in an imported file: 1-based line and column, the column's name and a message key.</summary>
public sealed record FileError(int Line, int Column, string ColumnName, string MessageKey);

/// <summary>
/// Reads the typed fields of one CSV record by column name, collecting every error with its line
/// and column, so an import can report all problems of a file at once.
/// </summary>
public sealed class CsvRowReader(CsvRecord record, IReadOnlyList<string> header, List<FileError> errors)
{
    private int errorCount;

    public bool HasErrors => errorCount > 0;

    public void Error(string column, string key)
    {
        errorCount++;
        errors.Add(new FileError(record.Line, Index(column) + 1, column, key));
    }

    public string? Optional(string column)
    {
        var value = record.Fields[Index(column)].Trim();
        return value.Length == 0 ? null : value;
    }

    public string? Required(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            Error(column, "File.Required");
        }

        return value;
    }

    public DateOnly? Date(string column, bool required)
    {
        var value = required ? Required(column) : Optional(column);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(column, "File.InvalidDate");
        return null;
    }

    public T? Enum<T>(string column, string invalidKey)
        where T : struct, System.Enum
    {
        var value = Required(column);
        if (value is null)
        {
            return null;
        }

        if (System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        Error(column, invalidKey);
        return null;
    }

    public bool? Boolean(string column)
    {
        switch (Optional(column)?.ToLowerInvariant())
        {
            case null:
                return null;
            case "ja" or "yes" or "true" or "1":
                return true;
            case "nee" or "no" or "false" or "0":
                return false;
            default:
                Error(column, "File.InvalidBoolean");
                return null;
        }
    }

    public int? Integer(string column, int min, int max)
    {
        var value = Optional(column);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Error(column, "File.InvalidNumber");
            return null;
        }

        if (number < min || number > max)
        {
            Error(column, "File.OutOfRange");
            return null;
        }

        return number;
    }

    public int? Cents(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            return null;
        }

        if (decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var euros)
            && euros <= 10_000 && decimal.Round(euros, 2) == euros)
        {
            return (int)(euros * 100);
        }

        Error(column, "File.InvalidAmount");
        return null;
    }

    /// <summary>Checks a header against the expected columns: unknown and missing ones are errors on line 1.</summary>
    public static List<FileError> CheckHeader(IReadOnlyList<string> header, IReadOnlyList<string> expected)
    {
        var errors = new List<FileError>();
        for (var i = 0; i < header.Count; i++)
        {
            if (!expected.Contains(header[i]))
            {
                errors.Add(new FileError(1, i + 1, header[i], "File.UnknownColumn"));
            }
        }

        errors.AddRange(expected.Where(c => !header.Contains(c)).Select(missing => new FileError(1, header.Count + 1, missing, "File.MissingColumn")));
        return errors;
    }

    private int Index(string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i] == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column '{column}'.", nameof(column));
    }
}
