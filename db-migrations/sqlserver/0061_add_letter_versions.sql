-- Issue 15: every letter the product drafts (push-back on a requirement, notice of default) can be
-- edited before it is sent. Each edit is a new version of the text, encrypted; the latest is the
-- letter. The first draft stays where it is (LetterDrafts.BodyProtected; a notice is composed from
-- the facts) and counts as version 1.
CREATE TABLE LetterVersions (
    Id            UNIQUEIDENTIFIER NOT NULL CONSTRAINT PK_LetterVersions PRIMARY KEY,
    Kind          NVARCHAR(20) NOT NULL CONSTRAINT CK_LetterVersions_Kind CHECK (Kind IN ('Requirement', 'Notice')),
    LetterId      UNIQUEIDENTIFIER NOT NULL,
    Version       INT NOT NULL,
    BodyProtected NVARCHAR(MAX) NOT NULL,
    CreatedAt     DATETIME2 NOT NULL,
    CreatedBy     UNIQUEIDENTIFIER NOT NULL CONSTRAINT FK_LetterVersions_Users REFERENCES Users (Id)
);
CREATE UNIQUE INDEX UX_LetterVersions_Letter_Version ON LetterVersions (Kind, LetterId, Version);
