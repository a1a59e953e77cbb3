namespace Outflow.Core;

/// <summary>
/// A broken domain rule: the form field it belongs to and a message key that the web layer
/// translates (the core library has no UI language).
/// </summary>
public sealed record RuleViolation(string Field, string MessageKey);
