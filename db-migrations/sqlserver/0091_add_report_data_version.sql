-- Issue 17: the report cache's data version. Every write to a table the report reads bumps one
-- counter IN THE SAME TRANSACTION (a trigger per table, so no write path can forget it, today's
-- or tomorrow's); a finished report is cached under (query, today, version), so a cached report
-- is never older than the last committed write. Triggers do not change a statement's row count
-- (SQLite's changes() and SQL Server's with NOCOUNT count only the statement's own rows), so the
-- optimistic-concurrency checks (0 rows = conflict) are unaffected.
CREATE TABLE ReportDataVersion (
    Id      INT NOT NULL CONSTRAINT PK_ReportDataVersion PRIMARY KEY CONSTRAINT CK_ReportDataVersion_One CHECK (Id = 1),
    Version BIGINT NOT NULL
);
INSERT INTO ReportDataVersion (Id, Version) VALUES (1, 1);
GO
CREATE TRIGGER TR_Residents_ReportDataVersion ON Residents AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_UrgencyRequests_ReportDataVersion ON UrgencyRequests AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_Requirements_ReportDataVersion ON Requirements AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_Offers_ReportDataVersion ON Offers AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_Organisations_ReportDataVersion ON Organisations AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_Regions_ReportDataVersion ON Regions AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_RegionMemberships_ReportDataVersion ON RegionMemberships AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_ShelterLocations_ReportDataVersion ON ShelterLocations AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_ShelterCapacities_ReportDataVersion ON ShelterCapacities AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_MunicipalityPopulations_ReportDataVersion ON MunicipalityPopulations AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
CREATE TRIGGER TR_Municipalities_ReportDataVersion ON Municipalities AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
