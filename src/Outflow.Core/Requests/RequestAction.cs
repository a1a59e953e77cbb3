namespace Outflow.Core.Requests;

/// <summary>The things a user can do to a request; each one is a transition of <see cref="RequestWorkflow"/>.</summary>
public enum RequestAction
{
    File,
    MarkReceived,
    RequestInformation,
    RecordInformationReceived,
    Grant,
    Refuse,
    FileObjection,
    MakeOffer,
    AcceptOffer,
    DeclineOffer,
    ResumeSearch,
    MarkHoused,
    Withdraw,
    ExtendTerm,
    WithdrawOffer,
}
