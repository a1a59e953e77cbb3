-- Issue 17: the report cache's data version. Every write to a table the report reads bumps one
-- counter IN THE SAME TRANSACTION (a trigger per table, so no write path can forget it, today's
-- or tomorrow's); a finished report is cached under (query, today, version), so a cached report
-- is never older than the last committed write. Triggers do not change a statement's row count
-- (SQLite's changes() and SQL Server's with NOCOUNT count only the statement's own rows), so the
-- optimistic-concurrency checks (0 rows = conflict) are unaffected.
CREATE TABLE ReportDataVersion (
    Id      INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1),
    Version INTEGER NOT NULL
);
INSERT INTO ReportDataVersion (Id, Version) VALUES (1, 1);
CREATE TRIGGER TR_Residents_Insert_ReportDataVersion AFTER INSERT ON Residents BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Residents_Update_ReportDataVersion AFTER UPDATE ON Residents BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Residents_Delete_ReportDataVersion AFTER DELETE ON Residents BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_UrgencyRequests_Insert_ReportDataVersion AFTER INSERT ON UrgencyRequests BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_UrgencyRequests_Update_ReportDataVersion AFTER UPDATE ON UrgencyRequests BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_UrgencyRequests_Delete_ReportDataVersion AFTER DELETE ON UrgencyRequests BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Requirements_Insert_ReportDataVersion AFTER INSERT ON Requirements BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Requirements_Update_ReportDataVersion AFTER UPDATE ON Requirements BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Requirements_Delete_ReportDataVersion AFTER DELETE ON Requirements BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Offers_Insert_ReportDataVersion AFTER INSERT ON Offers BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Offers_Update_ReportDataVersion AFTER UPDATE ON Offers BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Offers_Delete_ReportDataVersion AFTER DELETE ON Offers BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Organisations_Insert_ReportDataVersion AFTER INSERT ON Organisations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Organisations_Update_ReportDataVersion AFTER UPDATE ON Organisations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Organisations_Delete_ReportDataVersion AFTER DELETE ON Organisations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Regions_Insert_ReportDataVersion AFTER INSERT ON Regions BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Regions_Update_ReportDataVersion AFTER UPDATE ON Regions BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Regions_Delete_ReportDataVersion AFTER DELETE ON Regions BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_RegionMemberships_Insert_ReportDataVersion AFTER INSERT ON RegionMemberships BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_RegionMemberships_Update_ReportDataVersion AFTER UPDATE ON RegionMemberships BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_RegionMemberships_Delete_ReportDataVersion AFTER DELETE ON RegionMemberships BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_ShelterLocations_Insert_ReportDataVersion AFTER INSERT ON ShelterLocations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_ShelterLocations_Update_ReportDataVersion AFTER UPDATE ON ShelterLocations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_ShelterLocations_Delete_ReportDataVersion AFTER DELETE ON ShelterLocations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_ShelterCapacities_Insert_ReportDataVersion AFTER INSERT ON ShelterCapacities BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_ShelterCapacities_Update_ReportDataVersion AFTER UPDATE ON ShelterCapacities BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_ShelterCapacities_Delete_ReportDataVersion AFTER DELETE ON ShelterCapacities BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_MunicipalityPopulations_Insert_ReportDataVersion AFTER INSERT ON MunicipalityPopulations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_MunicipalityPopulations_Update_ReportDataVersion AFTER UPDATE ON MunicipalityPopulations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_MunicipalityPopulations_Delete_ReportDataVersion AFTER DELETE ON MunicipalityPopulations BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Municipalities_Insert_ReportDataVersion AFTER INSERT ON Municipalities BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Municipalities_Update_ReportDataVersion AFTER UPDATE ON Municipalities BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_Municipalities_Delete_ReportDataVersion AFTER DELETE ON Municipalities BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
