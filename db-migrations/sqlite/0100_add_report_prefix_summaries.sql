-- Issue 17: the report summaries of a month's first days. A period that ends inside a month (the
-- same days a year earlier of a running period, a custom period) needs that month from its first
-- day up to the period's end; until now that prefix was built from the base tables for every such
-- report and never kept. ReportPrefixSummaries keeps it per organisation under NextDay, the day
-- number (DateOnly.DayNumber) of the day after the prefix, at the generation of its month in
-- ReportSummaryGenerations (0095): every write that can change the month bumps that generation,
-- and the prefix's events are a part of the month's, so a prefix is used only while its month is
-- current, exactly like a monthly summary. A cache, never the truth; the refresher drops old ones.
CREATE TABLE ReportPrefixSummaries (
    NextDay        INTEGER NOT NULL,
    OrganisationId TEXT NOT NULL,
    Generation     INTEGER NOT NULL,
    Data           BLOB NOT NULL,
    PRIMARY KEY (NextDay, OrganisationId)
) WITHOUT ROWID;
