-- Issue 15: the report counts notices of default sent, the penalty they accrued, and objections
-- decided late, per responding organisation (docs/metrics.md, "Levers"). Indexes for the two
-- period filters, and the report cache's data version follows every write to DefaultNotices
-- (see 0091).
CREATE INDEX IX_DefaultNotices_SentOn ON DefaultNotices (SentOn);
CREATE INDEX IX_UrgencyRequests_ObjectionDecided ON UrgencyRequests (ObjectionDecidedDate);
CREATE TRIGGER TR_DefaultNotices_Insert_ReportDataVersion AFTER INSERT ON DefaultNotices BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_DefaultNotices_Update_ReportDataVersion AFTER UPDATE ON DefaultNotices BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_DefaultNotices_Delete_ReportDataVersion AFTER DELETE ON DefaultNotices BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
