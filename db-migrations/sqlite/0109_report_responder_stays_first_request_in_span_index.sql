-- Issue 17: the responder cut reads the residents who filed after a period once per report
-- (ReportResponderFacts.LateSql) with the responder in force at its end: two index searches in her
-- requests each (some 10 ms for the 4,000 residents of 2025 at 1,000,000 residents). A resident whose
-- first filing of all (FirstRequestDay, MIN(FiledDate), kept by the triggers on UrgencyRequests) comes
-- after the period had none in force: the search is skipped for her. The span index holds that day
-- too, so the read stays within the index.
DROP INDEX IX_ReportResponderStays_Span;
CREATE INDEX IX_ReportResponderStays_Span ON ReportResponderStays (SpanClass, SpanStart, LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId, ReadyMonthDay, OutflowMonthDay, ShelterOrganisationId, Destination, FirstRequestDay);
