-- Issue 17: the report's additive figures (residents with a blocked day, blocked bed-days, waiting
-- at the period's end, the month chart) from facts per shelter organisation instead of a scan of
-- every resident. A resident's blocked stay is [ready day, outflow day) (open: no end yet); a stay
-- is a start (+1) on its ready day and an end (+1) on its outflow day. Residents without a ready
-- date, or who left on or before it, have no stay. Day numbers are DateOnly.DayNumber, as in the
-- report views (0010). ReportBlockedMonthFacts rolls the same events up per calendar month (the
-- day number of its first day), so a report reads whole months before its period and single days
-- only within it. Rows may reach 0; they stay.
--
-- The key starts with the day: a report reads one range of days for every organisation.
-- The trigger below keeps both tables IN THE SAME TRANSACTION as every write to Residents (the
-- deleted rows' stays are taken away, the inserted rows' added, set-based for multi-row
-- statements), like the data version of 0091, so no write path can forget them and a rolled-back
-- write rolls its facts back. SET NOCOUNT ON keeps the statement's row count its own.
CREATE TABLE ReportBlockedFacts (
    Day                   INT NOT NULL,
    ShelterOrganisationId UNIQUEIDENTIFIER NOT NULL,
    MonthDay              INT NOT NULL, -- the day number of its month's first day: the month chart sums a month's days
    Starts                INT NOT NULL,
    Ends                  INT NOT NULL,
    CONSTRAINT PK_ReportBlockedFacts PRIMARY KEY (Day, ShelterOrganisationId)
);

CREATE TABLE ReportBlockedMonthFacts (
    MonthDay              INT NOT NULL,
    ShelterOrganisationId UNIQUEIDENTIFIER NOT NULL,
    Starts                INT NOT NULL,
    Ends                  INT NOT NULL,
    CONSTRAINT PK_ReportBlockedMonthFacts PRIMARY KEY (MonthDay, ShelterOrganisationId)
);
GO

-- The stays of the residents already registered.
WITH stays AS (
    SELECT OrganisationId, DATEDIFF(day, CAST('0001-01-01' AS DATE), ReadyDate) AS ReadyDay,
           DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(ReadyDate), MONTH(ReadyDate), 1)) AS ReadyMonthDay,
           DATEDIFF(day, CAST('0001-01-01' AS DATE), OutflowDate) AS OutflowDay,
           DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(OutflowDate), MONTH(OutflowDate), 1)) AS OutflowMonthDay
    FROM Residents
    WHERE ReadyDate IS NOT NULL AND (OutflowDate IS NULL OR OutflowDate > ReadyDate))
INSERT INTO ReportBlockedFacts (Day, ShelterOrganisationId, MonthDay, Starts, Ends)
SELECT e.Day, e.OrganisationId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
FROM (SELECT ReadyDay AS Day, ReadyMonthDay AS MonthDay, OrganisationId, 1 AS Starts, 0 AS Ends FROM stays
      UNION ALL
      SELECT OutflowDay, OutflowMonthDay, OrganisationId, 0, 1 FROM stays WHERE OutflowDay IS NOT NULL) e
GROUP BY e.Day, e.OrganisationId;

WITH stays AS (
    SELECT OrganisationId, DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(ReadyDate), MONTH(ReadyDate), 1)) AS ReadyMonthDay,
           DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(OutflowDate), MONTH(OutflowDate), 1)) AS OutflowMonthDay
    FROM Residents
    WHERE ReadyDate IS NOT NULL AND (OutflowDate IS NULL OR OutflowDate > ReadyDate))
INSERT INTO ReportBlockedMonthFacts (MonthDay, ShelterOrganisationId, Starts, Ends)
SELECT e.MonthDay, e.OrganisationId, SUM(e.Starts), SUM(e.Ends)
FROM (SELECT ReadyMonthDay AS MonthDay, OrganisationId, 1 AS Starts, 0 AS Ends FROM stays
      UNION ALL
      SELECT OutflowMonthDay, OrganisationId, 0, 1 FROM stays WHERE OutflowMonthDay IS NOT NULL) e
GROUP BY e.MonthDay, e.OrganisationId;
GO

CREATE TRIGGER TR_Residents_ReportBlockedFacts ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    -- An update that moves no stay (a handover, a filing date, a purge) leaves the facts alone.
    IF EXISTS (SELECT 1 FROM inserted) AND NOT (UPDATE(OrganisationId) OR UPDATE(ReadyDate) OR UPDATE(OutflowDate))
        RETURN;

    DECLARE @events TABLE (Day INT NOT NULL, MonthDay INT NOT NULL, ShelterOrganisationId UNIQUEIDENTIFIER NOT NULL, Starts INT NOT NULL, Ends INT NOT NULL);
    WITH stays AS (
        SELECT OrganisationId, ReadyDate, OutflowDate, 1 AS Sign FROM inserted
        WHERE ReadyDate IS NOT NULL AND (OutflowDate IS NULL OR OutflowDate > ReadyDate)
        UNION ALL
        SELECT OrganisationId, ReadyDate, OutflowDate, -1 FROM deleted
        WHERE ReadyDate IS NOT NULL AND (OutflowDate IS NULL OR OutflowDate > ReadyDate))
    INSERT INTO @events (Day, MonthDay, ShelterOrganisationId, Starts, Ends)
    SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), ReadyDate),
           DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(ReadyDate), MONTH(ReadyDate), 1)),
           OrganisationId, Sign, 0
    FROM stays
    UNION ALL
    SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), OutflowDate),
           DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(OutflowDate), MONTH(OutflowDate), 1)),
           OrganisationId, 0, Sign
    FROM stays
    WHERE OutflowDate IS NOT NULL;

    MERGE ReportBlockedFacts WITH (HOLDLOCK) AS t
    USING (SELECT Day, ShelterOrganisationId, MIN(MonthDay) AS MonthDay, SUM(Starts) AS Starts, SUM(Ends) AS Ends FROM @events
           GROUP BY Day, ShelterOrganisationId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0) AS d
    ON t.Day = d.Day AND t.ShelterOrganisationId = d.ShelterOrganisationId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends
    WHEN NOT MATCHED THEN INSERT (Day, ShelterOrganisationId, MonthDay, Starts, Ends) VALUES (d.Day, d.ShelterOrganisationId, d.MonthDay, d.Starts, d.Ends);

    MERGE ReportBlockedMonthFacts WITH (HOLDLOCK) AS t
    USING (SELECT MonthDay, ShelterOrganisationId, SUM(Starts) AS Starts, SUM(Ends) AS Ends FROM @events
           GROUP BY MonthDay, ShelterOrganisationId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0) AS d
    ON t.MonthDay = d.MonthDay AND t.ShelterOrganisationId = d.ShelterOrganisationId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends
    WHEN NOT MATCHED THEN INSERT (MonthDay, ShelterOrganisationId, Starts, Ends) VALUES (d.MonthDay, d.ShelterOrganisationId, d.Starts, d.Ends);
END;
GO
