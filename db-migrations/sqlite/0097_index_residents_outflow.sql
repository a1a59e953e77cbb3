-- Issue 17: building a month's summary (ReportSummaries.FlowSql, accepted offer → moved) reads the
-- residents who left in that month, whatever their organisation, and their requests; this index is
-- that range (the report's other outflow indexes start with the organisation).
CREATE INDEX IX_Residents_Outflow ON Residents (OutflowDate, Id);
