-- Issue 17: the decisions' and first offers' indexes of 0095 include the addressed organisation, so
-- the responder family's summaries read them alone; the SQLite migration of the same number explains it.
CREATE INDEX IX_UrgencyRequests_Report_Decided ON UrgencyRequests (ShelterOrganisationId, DecidedDate)
    INCLUDE (FiledDate, DecisionDueDate, Status, ResidentId, AddressedOrganisationId) WITH (DROP_EXISTING = ON);
CREATE INDEX IX_UrgencyRequests_Report_FirstOffer ON UrgencyRequests (ShelterOrganisationId, FirstOfferDate)
    INCLUDE (GrantedDate, FiledDate, AddressedOrganisationId) WITH (DROP_EXISTING = ON);
