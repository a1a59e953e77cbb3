-- Frozen reports: the finished, suppressed tables as JSON with their hash, so a cited report
-- renders the same forever, whatever happens to the case data afterwards.
CREATE TABLE ReportSnapshots (
    Id                 UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_ReportSnapshots PRIMARY KEY,
    Kind               VARCHAR(20) NOT NULL,
    AsOf               DATE NOT NULL,
    Year               INT NOT NULL,
    Division           VARCHAR(60) NOT NULL,
    DefinitionsVersion VARCHAR(20) NOT NULL,
    ContentJson        NVARCHAR(MAX) NOT NULL,
    ContentHash        CHAR(64) NOT NULL,
    CreatedAt          DATETIME2(3) NOT NULL,
    CreatedBy          UNIQUEIDENTIFIER NULL
);
-- One monthly snapshot per month, year and division: the job may run twice.
CREATE UNIQUE INDEX UX_ReportSnapshots_Monthly ON ReportSnapshots (AsOf, Year, Division) WHERE Kind = 'Monthly';
CREATE INDEX IX_ReportSnapshots_Created ON ReportSnapshots (CreatedAt);
