-- Issue 17: a stock summary (those waiting, requests open past their deadline, on an as-of day) is
-- built from a kept earlier one plus what changed in between (ReportSummarySql.StockDeltaSql): the
-- residents who became ready in those days, and the requests whose deadline passed in them, each
-- read through a date index like the filings, decisions and outflows already are.
CREATE INDEX IX_Residents_Report_Ready ON Residents (ReadyDate, OrganisationId, OutflowDate);
CREATE INDEX IX_UrgencyRequests_Due ON UrgencyRequests (DecisionDueDate);
