-- Issue 17: a report's whole months from one row per shelter organisation and month instead of
-- their days (ReportFacts.BlockedSql, MonthlySql; docs/architecture.md). Beside a month's starts and
-- ends, ReportBlockedMonthFacts now keeps NetDays, the sum over its days t of (starts - ends) * t,
-- and FirstDayEnds, the stays that ended on its first day. For a month [ms, mn) inside a period
-- [F, E) the month's blocked bed-days are then E * (starts - ends) - NetDays and its residents its
-- starts (minus FirstDayEnds when ms = F), exactly what its days give; only the days of a month the
-- period holds in part, or that has not ended, are still read one by one.
--
-- The trigger of 0093 is replaced by the same trigger that also keeps the two new columns, in the
-- same transaction as every write to Residents.
ALTER TABLE ReportBlockedMonthFacts ADD
    NetDays      BIGINT NOT NULL CONSTRAINT DF_ReportBlockedMonthFacts_NetDays DEFAULT 0,
    FirstDayEnds INT NOT NULL CONSTRAINT DF_ReportBlockedMonthFacts_FirstDayEnds DEFAULT 0;
GO

-- The months already kept, from their days (a month's days lie in [MonthDay, MonthDay + 31)).
UPDATE m SET
    NetDays = COALESCE((SELECT SUM(CAST(f.Starts - f.Ends AS BIGINT) * f.Day) FROM ReportBlockedFacts f
                        WHERE f.Day >= m.MonthDay AND f.Day < m.MonthDay + 31 AND f.MonthDay = m.MonthDay AND f.ShelterOrganisationId = m.ShelterOrganisationId), 0),
    FirstDayEnds = COALESCE((SELECT f.Ends FROM ReportBlockedFacts f WHERE f.Day = m.MonthDay AND f.ShelterOrganisationId = m.ShelterOrganisationId), 0)
FROM ReportBlockedMonthFacts m;
GO

ALTER TRIGGER TR_Residents_ReportBlockedFacts ON Residents AFTER INSERT, UPDATE, DELETE AS
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
    USING (SELECT MonthDay, ShelterOrganisationId, SUM(Starts) AS Starts, SUM(Ends) AS Ends,
                  SUM(CAST(Starts - Ends AS BIGINT) * Day) AS NetDays, SUM(CASE WHEN Day = MonthDay THEN Ends ELSE 0 END) AS FirstDayEnds
           FROM @events
           GROUP BY MonthDay, ShelterOrganisationId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0 OR SUM(CAST(Starts - Ends AS BIGINT) * Day) <> 0) AS d
    ON t.MonthDay = d.MonthDay AND t.ShelterOrganisationId = d.ShelterOrganisationId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends, NetDays = t.NetDays + d.NetDays, FirstDayEnds = t.FirstDayEnds + d.FirstDayEnds
    WHEN NOT MATCHED THEN INSERT (MonthDay, ShelterOrganisationId, Starts, Ends, NetDays, FirstDayEnds)
        VALUES (d.MonthDay, d.ShelterOrganisationId, d.Starts, d.Ends, d.NetDays, d.FirstDayEnds);
END;
GO
