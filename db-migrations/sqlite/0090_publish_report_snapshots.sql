-- Issue 17: public citable snapshots. An analyst publishes a frozen snapshot (it then has a public
-- address without sign-in) and may withdraw it later (its address then says so). Only dates and
-- staff ids: the content itself is the suppressed aggregates already stored.
ALTER TABLE ReportSnapshots ADD COLUMN PublishedAt TEXT NULL;
ALTER TABLE ReportSnapshots ADD COLUMN PublishedBy TEXT NULL;
ALTER TABLE ReportSnapshots ADD COLUMN WithdrawnAt TEXT NULL;
ALTER TABLE ReportSnapshots ADD COLUMN WithdrawnBy TEXT NULL;
