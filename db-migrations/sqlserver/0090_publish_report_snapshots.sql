-- Issue 17: public citable snapshots. An analyst publishes a frozen snapshot (it then has a public
-- address without sign-in) and may withdraw it later (its address then says so). Only dates and
-- staff ids: the content itself is the suppressed aggregates already stored.
ALTER TABLE ReportSnapshots ADD PublishedAt DATETIME2(3) NULL, PublishedBy UNIQUEIDENTIFIER NULL,
    WithdrawnAt DATETIME2(3) NULL, WithdrawnBy UNIQUEIDENTIFIER NULL;
