-- Issue 17: the responder cut's correction reads the mirror through this index alone, month days
-- included; the SQLite migration of the same number explains it.
DROP INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays;
CREATE INDEX IX_ReportResponderStays_LastFiled ON ReportResponderStays (LastFiledDay, OutflowDay, ReadyDay, FirstFiledDay, ResponderId) INCLUDE (ReadyMonthDay, OutflowMonthDay);
