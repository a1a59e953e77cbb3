-- Issue 17: the responder family's summaries of a month or a month's first days (who left, waited,
-- first filed then, per final responder) and a day's stock from a kept one (who became ready or left
-- in between) read the residents of a range of days with their final responder. They read them from
-- ReportResidents and looked each one's responder up in the mirror by key (5,000-10,000 lookups a
-- month at 1,000,000 residents: 180-230 ms for a custom period's last weeks, 80-180 ms for a stock's
-- change). The mirror holds all they need (0103, 0105, 0107: her days, shelter organisation,
-- destination and final responder), so they read it alone, through these ranges of its days.
CREATE INDEX IX_ReportResponderStays_Outflow ON ReportResponderStays (OutflowDay, ReadyDay, ShelterOrganisationId, ResponderId, Destination);
CREATE INDEX IX_ReportResponderStays_Ready ON ReportResponderStays (ReadyDay, OutflowDay, ShelterOrganisationId, ResponderId);
CREATE INDEX IX_ReportResponderStays_FirstFiled ON ReportResponderStays (FirstFiledDay, ReadyDay, ShelterOrganisationId, ResponderId);
