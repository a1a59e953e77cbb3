-- Issue 17: the report also shows a division's name (RegionDivisions), so a change to it bumps the
-- report cache's data version too (see 0091).
CREATE TRIGGER TR_RegionDivisions_ReportDataVersion ON RegionDivisions AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE ReportDataVersion SET Version = Version + 1 WHERE Id = 1;
END;
GO
