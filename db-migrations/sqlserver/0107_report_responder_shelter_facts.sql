-- Issue 17: the responder cut filtered on a region from facts keyed by (shelter organisation, final
-- responder), and the mirror keeps each resident's shelter organisation and destination; the SQLite
-- migration of the same number explains it.
ALTER TABLE ReportResponderStays ADD ShelterOrganisationId UNIQUEIDENTIFIER NULL, Destination VARCHAR(30) NULL;
GO

CREATE TABLE ReportResponderShelterBlockedFacts (
    ShelterOrganisationId UNIQUEIDENTIFIER NOT NULL,
    Day                   INT NOT NULL,
    ResponderId           UNIQUEIDENTIFIER NOT NULL,
    MonthDay              INT NOT NULL,
    Starts                INT NOT NULL,
    Ends                  INT NOT NULL,
    CONSTRAINT PK_ReportResponderShelterBlockedFacts PRIMARY KEY (ShelterOrganisationId, Day, ResponderId)
);

CREATE TABLE ReportResponderShelterBlockedMonthFacts (
    ShelterOrganisationId UNIQUEIDENTIFIER NOT NULL,
    MonthDay              INT NOT NULL,
    ResponderId           UNIQUEIDENTIFIER NOT NULL,
    Starts                INT NOT NULL,
    Ends                  INT NOT NULL,
    NetDays               BIGINT NOT NULL,
    FirstDayEnds          INT NOT NULL,
    CONSTRAINT PK_ReportResponderShelterBlockedMonthFacts PRIMARY KEY (ShelterOrganisationId, MonthDay, ResponderId)
);
GO

-- The residents already registered.
UPDATE s SET ShelterOrganisationId = r.OrganisationId, Destination = r.Destination
FROM ReportResponderStays s
JOIN Residents r ON r.Id = s.ResidentId;

INSERT INTO ReportResponderShelterBlockedFacts (ShelterOrganisationId, Day, ResponderId, MonthDay, Starts, Ends)
SELECT e.ShelterOrganisationId, e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
FROM (SELECT ShelterOrganisationId, ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT ShelterOrganisationId, OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.ShelterOrganisationId, e.Day, e.ResponderId;

INSERT INTO ReportResponderShelterBlockedMonthFacts (ShelterOrganisationId, MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
SELECT e.ShelterOrganisationId, e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM(CAST(e.Starts - e.Ends AS BIGINT) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
FROM (SELECT ShelterOrganisationId, ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT ShelterOrganisationId, OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.ShelterOrganisationId, e.MonthDay, e.ResponderId;

DROP INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId)
    INCLUDE (ReadyMonthDay, OutflowMonthDay, ShelterOrganisationId, Destination);
CREATE INDEX IX_ReportResponderStays_Shelter ON ReportResponderStays (ShelterOrganisationId, ResponderId, OutflowDay, LastFiledDay);
GO

-- The mirror follows the resident's shelter organisation and destination too.
ALTER TRIGGER TR_Residents_ReportResponderStays ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ReadyDate) OR UPDATE(OutflowDate) OR UPDATE(FirstFiledDate) OR UPDATE(OrganisationId) OR UPDATE(Destination))
        RETURN;

    DELETE s FROM ReportResponderStays s
    WHERE s.ResidentId IN (SELECT Id FROM deleted) AND s.ResidentId NOT IN (SELECT Id FROM inserted);

    UPDATE s SET ReadyDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), ReadyMonthDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.ReadyDate), MONTH(i.ReadyDate), 1)),
                 OutflowDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), OutflowMonthDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.OutflowDate), MONTH(i.OutflowDate), 1)),
                 FirstFiledDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FirstFiledDate), ShelterOrganisationId = i.OrganisationId, Destination = i.Destination
    FROM ReportResponderStays s
    JOIN inserted i ON i.Id = s.ResidentId
    WHERE EXISTS (SELECT s.ReadyDay, s.OutflowDay, s.FirstFiledDay, s.ShelterOrganisationId, s.Destination
                  EXCEPT SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate),
                                DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FirstFiledDate), i.OrganisationId, i.Destination);

    INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay, FirstFiledDay, ShelterOrganisationId, Destination)
    SELECT i.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                              WHERE q.ResidentId = i.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = i.Id)), CAST('00000000-0000-0000-0000-000000000000' AS UNIQUEIDENTIFIER)),
           DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.ReadyDate), MONTH(i.ReadyDate), 1)), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.OutflowDate), MONTH(i.OutflowDate), 1)),
           (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MAX(q3.FiledDate)) FROM UrgencyRequests q3 WHERE q3.ResidentId = i.Id), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.FirstFiledDate),
           i.OrganisationId, i.Destination
    FROM inserted i
    WHERE NOT EXISTS (SELECT 1 FROM ReportResponderStays s WHERE s.ResidentId = i.Id);
END;
GO

-- The facts keyed by (shelter organisation, final responder) follow the mirror, as 0103's keyed by the final responder do.
CREATE TRIGGER TR_ReportResponderStays_ShelterFacts ON ReportResponderStays AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
       AND NOT (UPDATE(ShelterOrganisationId) OR UPDATE(ResponderId) OR UPDATE(ReadyDay) OR UPDATE(OutflowDay))
        RETURN;

    DECLARE @events TABLE (ShelterOrganisationId UNIQUEIDENTIFIER NOT NULL, Day INT NOT NULL, MonthDay INT NOT NULL, ResponderId UNIQUEIDENTIFIER NOT NULL, Starts INT NOT NULL, Ends INT NOT NULL);
    WITH stays AS (
        SELECT ShelterOrganisationId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, 1 AS Sign FROM inserted
        WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
        UNION ALL
        SELECT ShelterOrganisationId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, -1 FROM deleted
        WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay))
    INSERT INTO @events (ShelterOrganisationId, Day, MonthDay, ResponderId, Starts, Ends)
    SELECT ShelterOrganisationId, ReadyDay, ReadyMonthDay, ResponderId, Sign, 0 FROM stays
    UNION ALL
    SELECT ShelterOrganisationId, OutflowDay, OutflowMonthDay, ResponderId, 0, Sign FROM stays WHERE OutflowDay IS NOT NULL;

    MERGE ReportResponderShelterBlockedFacts WITH (HOLDLOCK) AS t
    USING (SELECT ShelterOrganisationId, Day, ResponderId, MIN(MonthDay) AS MonthDay, SUM(Starts) AS Starts, SUM(Ends) AS Ends FROM @events
           GROUP BY ShelterOrganisationId, Day, ResponderId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0) AS d
    ON t.ShelterOrganisationId = d.ShelterOrganisationId AND t.Day = d.Day AND t.ResponderId = d.ResponderId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends
    WHEN NOT MATCHED THEN INSERT (ShelterOrganisationId, Day, ResponderId, MonthDay, Starts, Ends) VALUES (d.ShelterOrganisationId, d.Day, d.ResponderId, d.MonthDay, d.Starts, d.Ends);

    MERGE ReportResponderShelterBlockedMonthFacts WITH (HOLDLOCK) AS t
    USING (SELECT ShelterOrganisationId, MonthDay, ResponderId, SUM(Starts) AS Starts, SUM(Ends) AS Ends,
                  SUM(CAST(Starts - Ends AS BIGINT) * Day) AS NetDays, SUM(CASE WHEN Day = MonthDay THEN Ends ELSE 0 END) AS FirstDayEnds
           FROM @events
           GROUP BY ShelterOrganisationId, MonthDay, ResponderId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0 OR SUM(CAST(Starts - Ends AS BIGINT) * Day) <> 0) AS d
    ON t.ShelterOrganisationId = d.ShelterOrganisationId AND t.MonthDay = d.MonthDay AND t.ResponderId = d.ResponderId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends, NetDays = t.NetDays + d.NetDays, FirstDayEnds = t.FirstDayEnds + d.FirstDayEnds
    WHEN NOT MATCHED THEN INSERT (ShelterOrganisationId, MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
        VALUES (d.ShelterOrganisationId, d.MonthDay, d.ResponderId, d.Starts, d.Ends, d.NetDays, d.FirstDayEnds);
END;
GO
