-- Issue 19: the admin home lists locked users without scanning Users. (Failed outbox messages are
-- among the unsent ones, which IX_OutboxMessages_Unsent already reaches.)
CREATE INDEX IX_Users_LockoutEnd ON Users (LockoutEnd, Id);
