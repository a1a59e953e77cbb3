-- Issue 17: the responder family's summaries and a day's stock change read the mirror alone through
-- ranges of its days; the SQLite migration of the same number explains it.
CREATE INDEX IX_ReportResponderStays_Outflow ON ReportResponderStays (OutflowDay) INCLUDE (ReadyDay, ShelterOrganisationId, ResponderId, Destination);
CREATE INDEX IX_ReportResponderStays_Ready ON ReportResponderStays (ReadyDay) INCLUDE (OutflowDay, ShelterOrganisationId, ResponderId);
CREATE INDEX IX_ReportResponderStays_FirstFiled ON ReportResponderStays (FirstFiledDay) INCLUDE (ReadyDay, ShelterOrganisationId, ResponderId);
