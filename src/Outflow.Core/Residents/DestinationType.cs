namespace Outflow.Core.Residents;

/// <summary>Where a resident went when she left the shelter. Stored by name.</summary>
public enum DestinationType
{
    SocialRent,
    PrivateRent,
    OtherShelter,
    ReturnedHome,
    Unknown,
}
