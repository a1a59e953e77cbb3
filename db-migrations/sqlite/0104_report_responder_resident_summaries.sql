-- Issue 17: the responder cut's waits (waited, waiting, ready -> filed) and outcomes from the
-- responder family of summaries (0101), each resident's under her final responder of 0103's mirror
-- (ReportSummarySql.ResponderFlowSql, ResponderStockSql). A summary holds labels, so a change of a
-- resident's final responder (a filing, a changed filing date or addressed organisation, a deleted
-- request) must make the summaries holding her events old: the trigger below bumps the generations
-- of her outflow month and first-filing month and of her stock, for her shelter organisation, IN
-- THE SAME TRANSACTION, like 0095's. The summaries kept so far lack these figures: they are a
-- cache, so they are dropped and rebuilt.
CREATE TRIGGER TR_ReportResponderStays_Update_ReportSummaries AFTER UPDATE OF ResponderId ON ReportResponderStays
WHEN OLD.ResponderId IS NOT NEW.ResponderId
BEGIN
    INSERT INTO ReportSummaryGenerations (MonthDay, OrganisationId, Generation)
    SELECT DISTINCT k.MonthDay, k.OrganisationId, 1
    FROM (SELECT CAST(julianday(r.OutflowDate, 'start of month') - 1721425.5 AS INTEGER) AS MonthDay, r.OrganisationId AS OrganisationId FROM Residents r WHERE r.Id = NEW.ResidentId
          UNION ALL SELECT CAST(julianday(r.FirstFiledDate, 'start of month') - 1721425.5 AS INTEGER), r.OrganisationId FROM Residents r WHERE r.Id = NEW.ResidentId
          UNION ALL SELECT -1, r.OrganisationId FROM Residents r WHERE r.Id = NEW.ResidentId) k
    WHERE k.MonthDay IS NOT NULL
    ON CONFLICT (MonthDay, OrganisationId) DO UPDATE SET Generation = Generation + 1;
END;

DELETE FROM ReportResponderSummaries;
DELETE FROM ReportResponderStockSummaries;
DELETE FROM ReportResponderPrefixSummaries;
