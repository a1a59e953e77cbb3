namespace Outflow.Core.Requests;

/// <summary>The things a user can do to a request; each one is a transition of <see cref="RequestWorkflow"/>. Stored by name.</summary>
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

    /// <summary>The counsellor records that she supplied the information asked (ends the Awb 4:15 suspension).</summary>
    SupplyInformation,

    /// <summary>The counsellor contests a receipt date later than the filing date: a note on the timeline, no change of status.</summary>
    ContestReceipt,
}
