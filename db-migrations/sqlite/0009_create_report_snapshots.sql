-- Frozen reports: the finished, suppressed tables as JSON with their hash, so a cited report
-- renders the same forever, whatever happens to the case data afterwards.
CREATE TABLE ReportSnapshots (
    Id                 TEXT NOT NULL PRIMARY KEY,
    Kind               TEXT NOT NULL,
    AsOf               TEXT NOT NULL,
    Year               INTEGER NOT NULL,
    Division           TEXT NOT NULL,
    DefinitionsVersion TEXT NOT NULL,
    ContentJson        TEXT NOT NULL,
    ContentHash        TEXT NOT NULL,
    CreatedAt          TEXT NOT NULL,
    CreatedBy          TEXT NULL
);
-- One monthly snapshot per month, year and division: the job may run twice.
CREATE UNIQUE INDEX UX_ReportSnapshots_Monthly ON ReportSnapshots (AsOf, Year, Division) WHERE Kind = 'Monthly';
CREATE INDEX IX_ReportSnapshots_Created ON ReportSnapshots (CreatedAt);
