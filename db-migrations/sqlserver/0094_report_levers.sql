-- Issue 15: the report counts notices of default sent, the penalty they accrued, and objections
-- decided late, per responding organisation (docs/metrics.md, "Levers"). Indexes for the two
-- period filters, and the report cache's data version follows every write to DefaultNotices
-- (see 0091).
-- Issue 17: the responder cut finds each resident's request in force (latest filed on or before the
-- period's end) through (ResidentId, FiledDate); without it SQLite searched by filing date and
-- read every request filed that day, per resident (21 s instead of 1.4 s at 200,000 residents).
CREATE INDEX IX_UrgencyRequests_Resident_Filed ON UrgencyRequests (ResidentId, FiledDate) INCLUDE (AddressedOrganisationId);
CREATE INDEX IX_DefaultNotices_SentOn ON DefaultNotices (SentOn) WHERE SentOn IS NOT NULL;
CREATE INDEX IX_UrgencyRequests_ObjectionDecided ON UrgencyRequests (ObjectionDecidedDate) WHERE ObjectionDecidedDate IS NOT NULL;
GO
CREATE TRIGGER TR_DefaultNotices_ReportDataVersion ON DefaultNotices AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
