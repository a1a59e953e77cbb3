namespace Outflow.Core;

/// <summary>
/// A broken domain rule: the form field it belongs to, a message key that the web layer
/// translates (the core library has no UI language) and the values the message names (dates,
/// numbers), formatted by the web layer.
/// </summary>
public sealed record RuleViolation(string Field, string MessageKey, IReadOnlyList<object>? Args = null)
{
    public static RuleViolation With(string field, string messageKey, params object[] args) => new(field, messageKey, args);
}
