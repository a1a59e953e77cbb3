-- Issue 17: the report also shows a division's name (RegionDivisions), so a change to it bumps the
-- report cache's data version too (see 0091).
CREATE TRIGGER TR_RegionDivisions_Insert_ReportDataVersion AFTER INSERT ON RegionDivisions BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_RegionDivisions_Update_ReportDataVersion AFTER UPDATE ON RegionDivisions BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
CREATE TRIGGER TR_RegionDivisions_Delete_ReportDataVersion AFTER DELETE ON RegionDivisions BEGIN UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1; END;
