-- Issue 17: the responder cut's blocked figures and month chart from facts keyed by each
-- resident's final responder, with a mirror row per resident; the SQLite migration of the same
-- number explains them. The facts trigger fires from the mirror's writes made by the triggers on
-- Residents and UrgencyRequests: it needs the server option 'nested triggers' (on by default;
-- docs/operations.md).
CREATE TABLE ReportResponderStays (
    ResidentId      UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_ReportResponderStays PRIMARY KEY,
    ResponderId     UNIQUEIDENTIFIER NOT NULL,
    ReadyDay        INT NULL,
    ReadyMonthDay   INT NULL,
    OutflowDay      INT NULL,
    OutflowMonthDay INT NULL,
    LastFiledDay    INT NULL
);

CREATE TABLE ReportResponderBlockedFacts (
    Day         INT NOT NULL,
    ResponderId UNIQUEIDENTIFIER NOT NULL,
    MonthDay    INT NOT NULL,
    Starts      INT NOT NULL,
    Ends        INT NOT NULL,
    CONSTRAINT PK_ReportResponderBlockedFacts PRIMARY KEY (Day, ResponderId)
);

CREATE TABLE ReportResponderBlockedMonthFacts (
    MonthDay     INT NOT NULL,
    ResponderId  UNIQUEIDENTIFIER NOT NULL,
    Starts       INT NOT NULL,
    Ends         INT NOT NULL,
    NetDays      BIGINT NOT NULL,
    FirstDayEnds INT NOT NULL,
    CONSTRAINT PK_ReportResponderBlockedMonthFacts PRIMARY KEY (MonthDay, ResponderId)
);

CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, ResponderId);
CREATE INDEX IX_ReportResponderStays_Responder ON ReportResponderStays (ResponderId, OutflowDay, LastFiledDay);
GO

-- The residents already registered.
INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay)
SELECT r.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                          WHERE q.ResidentId = r.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = r.Id)), CAST('00000000-0000-0000-0000-000000000000' AS UNIQUEIDENTIFIER)),
       DATEDIFF(day, CAST('0001-01-01' AS DATE), r.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(r.ReadyDate), MONTH(r.ReadyDate), 1)), DATEDIFF(day, CAST('0001-01-01' AS DATE), r.OutflowDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(r.OutflowDate), MONTH(r.OutflowDate), 1)),
       (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MAX(q3.FiledDate)) FROM UrgencyRequests q3 WHERE q3.ResidentId = r.Id)
FROM Residents r;

INSERT INTO ReportResponderBlockedFacts (Day, ResponderId, MonthDay, Starts, Ends)
SELECT e.Day, e.ResponderId, MIN(e.MonthDay), SUM(e.Starts), SUM(e.Ends)
FROM (SELECT ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.Day, e.ResponderId;

INSERT INTO ReportResponderBlockedMonthFacts (MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
SELECT e.MonthDay, e.ResponderId, SUM(e.Starts), SUM(e.Ends), SUM(CAST(e.Starts - e.Ends AS BIGINT) * e.Day), SUM(CASE WHEN e.Day = e.MonthDay THEN e.Ends ELSE 0 END)
FROM (SELECT ReadyDay AS Day, ReadyMonthDay AS MonthDay, ResponderId, 1 AS Starts, 0 AS Ends FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
      UNION ALL
      SELECT OutflowDay, OutflowMonthDay, ResponderId, 0, 1 FROM ReportResponderStays
      WHERE ReadyDay IS NOT NULL AND OutflowDay > ReadyDay) e
GROUP BY e.MonthDay, e.ResponderId;
GO

-- The mirror follows Residents (a resident's id never changes).
CREATE TRIGGER TR_Residents_ReportResponderStays ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(ReadyDate) OR UPDATE(OutflowDate))
        RETURN;

    DELETE s FROM ReportResponderStays s
    WHERE s.ResidentId IN (SELECT Id FROM deleted) AND s.ResidentId NOT IN (SELECT Id FROM inserted);

    UPDATE s SET ReadyDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), ReadyMonthDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.ReadyDate), MONTH(i.ReadyDate), 1)),
                 OutflowDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), OutflowMonthDay = DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.OutflowDate), MONTH(i.OutflowDate), 1))
    FROM ReportResponderStays s
    JOIN inserted i ON i.Id = s.ResidentId
    WHERE EXISTS (SELECT s.ReadyDay, s.OutflowDay EXCEPT SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate));

    INSERT INTO ReportResponderStays (ResidentId, ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, LastFiledDay)
    SELECT i.Id, COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                          WHERE q.ResidentId = i.Id AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = i.Id)), CAST('00000000-0000-0000-0000-000000000000' AS UNIQUEIDENTIFIER)),
           DATEDIFF(day, CAST('0001-01-01' AS DATE), i.ReadyDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.ReadyDate), MONTH(i.ReadyDate), 1)), DATEDIFF(day, CAST('0001-01-01' AS DATE), i.OutflowDate), DATEDIFF(day, CAST('0001-01-01' AS DATE), DATEFROMPARTS(YEAR(i.OutflowDate), MONTH(i.OutflowDate), 1)),
           (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MAX(q3.FiledDate)) FROM UrgencyRequests q3 WHERE q3.ResidentId = i.Id)
    FROM inserted i
    WHERE NOT EXISTS (SELECT 1 FROM ReportResponderStays s WHERE s.ResidentId = i.Id);
END;
GO

-- ... and her requests: a filing, a filing date or addressed organisation changed, a request deleted.
CREATE TRIGGER TR_UrgencyRequests_ReportResponderStays ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(ResidentId) OR UPDATE(FiledDate) OR UPDATE(AddressedOrganisationId))
        RETURN;

    UPDATE s SET ResponderId = x.ResponderId, LastFiledDay = x.LastFiledDay
    FROM ReportResponderStays s
    CROSS APPLY (SELECT COALESCE((SELECT MIN(q.AddressedOrganisationId) FROM UrgencyRequests q
                          WHERE q.ResidentId = s.ResidentId AND q.FiledDate = (SELECT MAX(q2.FiledDate) FROM UrgencyRequests q2 WHERE q2.ResidentId = s.ResidentId)), CAST('00000000-0000-0000-0000-000000000000' AS UNIQUEIDENTIFIER)) AS ResponderId,
                        (SELECT DATEDIFF(day, CAST('0001-01-01' AS DATE), MAX(q3.FiledDate)) FROM UrgencyRequests q3 WHERE q3.ResidentId = s.ResidentId) AS LastFiledDay) x
    WHERE s.ResidentId IN (SELECT ResidentId FROM inserted UNION SELECT ResidentId FROM deleted)
          AND EXISTS (SELECT s.ResponderId, s.LastFiledDay EXCEPT SELECT x.ResponderId, x.LastFiledDay);
END;
GO

-- The facts follow the mirror: a stay is taken away under its old responder and added under its new one.
CREATE TRIGGER TR_ReportResponderStays_Facts ON ReportResponderStays AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted) AND NOT (UPDATE(ResponderId) OR UPDATE(ReadyDay) OR UPDATE(OutflowDay))
        RETURN;

    DECLARE @events TABLE (Day INT NOT NULL, MonthDay INT NOT NULL, ResponderId UNIQUEIDENTIFIER NOT NULL, Starts INT NOT NULL, Ends INT NOT NULL);
    WITH stays AS (
        SELECT ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, 1 AS Sign FROM inserted
        WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay)
        UNION ALL
        SELECT ResponderId, ReadyDay, ReadyMonthDay, OutflowDay, OutflowMonthDay, -1 FROM deleted
        WHERE ReadyDay IS NOT NULL AND (OutflowDay IS NULL OR OutflowDay > ReadyDay))
    INSERT INTO @events (Day, MonthDay, ResponderId, Starts, Ends)
    SELECT ReadyDay, ReadyMonthDay, ResponderId, Sign, 0 FROM stays
    UNION ALL
    SELECT OutflowDay, OutflowMonthDay, ResponderId, 0, Sign FROM stays WHERE OutflowDay IS NOT NULL;

    MERGE ReportResponderBlockedFacts WITH (HOLDLOCK) AS t
    USING (SELECT Day, ResponderId, MIN(MonthDay) AS MonthDay, SUM(Starts) AS Starts, SUM(Ends) AS Ends FROM @events
           GROUP BY Day, ResponderId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0) AS d
    ON t.Day = d.Day AND t.ResponderId = d.ResponderId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends
    WHEN NOT MATCHED THEN INSERT (Day, ResponderId, MonthDay, Starts, Ends) VALUES (d.Day, d.ResponderId, d.MonthDay, d.Starts, d.Ends);

    MERGE ReportResponderBlockedMonthFacts WITH (HOLDLOCK) AS t
    USING (SELECT MonthDay, ResponderId, SUM(Starts) AS Starts, SUM(Ends) AS Ends,
                  SUM(CAST(Starts - Ends AS BIGINT) * Day) AS NetDays, SUM(CASE WHEN Day = MonthDay THEN Ends ELSE 0 END) AS FirstDayEnds
           FROM @events
           GROUP BY MonthDay, ResponderId
           HAVING SUM(Starts) <> 0 OR SUM(Ends) <> 0 OR SUM(CAST(Starts - Ends AS BIGINT) * Day) <> 0) AS d
    ON t.MonthDay = d.MonthDay AND t.ResponderId = d.ResponderId
    WHEN MATCHED THEN UPDATE SET Starts = t.Starts + d.Starts, Ends = t.Ends + d.Ends, NetDays = t.NetDays + d.NetDays, FirstDayEnds = t.FirstDayEnds + d.FirstDayEnds
    WHEN NOT MATCHED THEN INSERT (MonthDay, ResponderId, Starts, Ends, NetDays, FirstDayEnds)
        VALUES (d.MonthDay, d.ResponderId, d.Starts, d.Ends, d.NetDays, d.FirstDayEnds);
END;
GO
