-- What a real decision carries: the urgency statement's search profile and the corporations it is
-- valid for, the refusal reason, and each dwelling offered (address encrypted by the application).
ALTER TABLE UrgencyRequests ADD SearchProfile NVARCHAR(1000) NULL, ValidFor NVARCHAR(1000) NULL, RefusalReason VARCHAR(40) NULL;

CREATE TABLE Offers (
    Id                UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_Offers PRIMARY KEY,
    RequestId         UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_Offers_UrgencyRequests REFERENCES UrgencyRequests (Id),
    OfferedOn         DATE NOT NULL,
    DwellingReference NVARCHAR(100) NOT NULL,
    AddressProtected  NVARCHAR(1000) NULL,
    ViewingDate       DATE NULL,
    ReplyBy           DATE NULL,
    Outcome           VARCHAR(20) NULL,
    ClosedOn          DATE NULL
);
CREATE INDEX IX_Offers_Request ON Offers (RequestId, Outcome);
