-- Issue 17: the responder family's month and prefix summaries (ReportSummarySql.ResponderFlowSql)
-- split each request figure by its addressed organisation. The indexes 0095 made for the decisions
-- and first offers of a range of days lack that column, so every request in the range was looked up
-- in the table (wide rows) for it: 72 ms for eleven days of August 2019 at 1,000,000 residents, most
-- of a custom period's first reader. With it at the end, both are covering for both families.
DROP INDEX IX_UrgencyRequests_Report_Decided;
CREATE INDEX IX_UrgencyRequests_Report_Decided ON UrgencyRequests (ShelterOrganisationId, DecidedDate, FiledDate, DecisionDueDate, Status, ResidentId, AddressedOrganisationId);
DROP INDEX IX_UrgencyRequests_Report_FirstOffer;
CREATE INDEX IX_UrgencyRequests_Report_FirstOffer ON UrgencyRequests (ShelterOrganisationId, FirstOfferDate, GrantedDate, FiledDate, AddressedOrganisationId);
