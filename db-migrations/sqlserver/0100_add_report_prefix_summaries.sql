-- Issue 17: the report summaries of a month's first days, kept per organisation under the day
-- number after the prefix, at the generation of its month (0095). The SQLite migration of the same
-- number explains the key.
CREATE TABLE ReportPrefixSummaries (
    NextDay        INT NOT NULL,
    OrganisationId UNIQUEIDENTIFIER NOT NULL,
    Generation     BIGINT NOT NULL,
    Data           VARBINARY(MAX) NOT NULL,
    CONSTRAINT PK_ReportPrefixSummaries PRIMARY KEY (NextDay, OrganisationId)
);
