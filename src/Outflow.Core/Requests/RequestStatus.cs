namespace Outflow.Core.Requests;

/// <summary>Where an urgency request (urgentieaanvraag) stands. Stored by name, so never renumber.</summary>
public enum RequestStatus
{
    Draft,
    Filed,
    Received,
    InformationRequested,
    Granted,
    Refused,
    ObjectionFiled,
    OfferMade,
    Accepted,
    Declined,
    Housed,
    Withdrawn,
}

/// <summary>Who acts on a request: the shelter's counsellor or the addressed organisation's responder.</summary>
public enum ActorRole
{
    Counsellor,
    Responder,
}

/// <summary>Why urgency was refused; stored by name, with the responder's text beside it.</summary>
public enum RefusalReason
{
    NotInCategory,
    IncompleteApplication,
    NoHousingNeed,
    OtherSolutionAvailable,
    TiesRequirement,
    Income,
    Other,
}
