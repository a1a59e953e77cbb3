-- Issue 15: the report counts notices of default sent, the penalty they accrued, and objections
-- decided late, per responding organisation (docs/metrics.md, "Levers"). Indexes for the two
-- period filters, and the report cache's data version follows every write to DefaultNotices
-- (see 0091).
CREATE INDEX IX_DefaultNotices_SentOn ON DefaultNotices (SentOn) WHERE SentOn IS NOT NULL;
CREATE INDEX IX_UrgencyRequests_ObjectionDecided ON UrgencyRequests (ObjectionDecidedDate) WHERE ObjectionDecidedDate IS NOT NULL;
GO
CREATE TRIGGER TR_DefaultNotices_ReportDataVersion ON DefaultNotices AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
