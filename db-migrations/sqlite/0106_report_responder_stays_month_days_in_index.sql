-- Issue 17: the responder cut's correction (ReportResponderFacts) reads the residents who filed
-- after a period through IX_ReportResponderStays_LastFiled and takes the month days of their
-- ready and outflow days from them. The index did not hold those two columns, so each of the
-- 48,000 residents who filed after 2025 (at 1,000,000 residents) was looked up in the table
-- before the filter on her stay could leave 4,000: 220 ms per query, twice per report. With the
-- month days in the index the correction reads it alone (QueryPlanTests).
DROP INDEX IX_ReportResponderStays_LastFiled;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId, ReadyMonthDay, OutflowMonthDay);
