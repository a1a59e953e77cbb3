-- Issue 17: the span index holds each resident's first filing of all too, so the responder cut's read of
-- the residents who filed after a period skips the search for the request in force of one who first
-- filed after it, within the index; the SQLite migration of the same number explains it.
DROP INDEX IX_ReportResponderStays_Span ON ReportResponderStays;
CREATE INDEX IX_ReportResponderStays_Span ON ReportResponderStays (SpanClass, SpanStart)
    INCLUDE (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId, ReadyMonthDay, OutflowMonthDay, ShelterOrganisationId, Destination, FirstRequestDay);
