-- What a real decision carries: the urgency statement's search profile and the corporations it is
-- valid for, the refusal reason, and each dwelling offered (address encrypted by the application).
ALTER TABLE UrgencyRequests ADD COLUMN SearchProfile TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN ValidFor TEXT NULL;
ALTER TABLE UrgencyRequests ADD COLUMN RefusalReason TEXT NULL;

CREATE TABLE Offers (
    Id                TEXT NOT NULL PRIMARY KEY,
    RequestId         TEXT NOT NULL REFERENCES UrgencyRequests (Id),
    OfferedOn         TEXT NOT NULL,
    DwellingReference TEXT NOT NULL,
    AddressProtected  TEXT NULL,
    ViewingDate       TEXT NULL,
    ReplyBy           TEXT NULL,
    Outcome           TEXT NULL,
    ClosedOn          TEXT NULL
);
CREATE INDEX IX_Offers_Request ON Offers (RequestId, Outcome);
