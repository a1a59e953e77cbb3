-- Issue 17: the report reads the improper facts of its period through three disjoint ranges
-- (ReportFacts.ImproperRowsSql): imposed in the period, or imposed before it of a resident who left
-- after its first day, or who has not left. Both indexes cover every column the report reads.
CREATE INDEX IX_ReportImproperFacts_Imposed ON ReportImproperFacts (ImposedOn)
    INCLUDE (ReadyDay, OutflowDay, Filed, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId);
CREATE INDEX IX_ReportImproperFacts_Outflow ON ReportImproperFacts (OutflowDay, ImposedOn)
    INCLUDE (ReadyDay, Filed, RequestId, ResidentId, ShelterOrganisationId, AddressedOrganisationId, ImposedByOrganisationId);
