namespace Outflow.Web;

/// <summary>
/// Marker for the one resource set of every visible string: Resources/SharedResource.resx holds
/// Dutch (the neutral language), Resources/SharedResource.en.resx English. A test checks that
/// both hold the same keys.
/// </summary>
public sealed class SharedResource
{
}
