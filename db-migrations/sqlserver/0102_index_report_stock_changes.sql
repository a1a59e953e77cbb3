-- Issue 17: date indexes for building a stock summary from a kept earlier one (the SQLite migration
-- of the same number explains them).
CREATE INDEX IX_Residents_Report_Ready ON Residents (ReadyDate) INCLUDE (OrganisationId, OutflowDate);
CREATE INDEX IX_UrgencyRequests_Due ON UrgencyRequests (DecisionDueDate);
