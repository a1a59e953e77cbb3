-- Issue 15: every letter the product drafts (push-back on a requirement, notice of default) can be
-- edited before it is sent. Each edit is a new version of the text, encrypted; the latest is the
-- letter. The first draft stays where it is (LetterDrafts.BodyProtected; a notice is composed from
-- the facts) and counts as version 1.
CREATE TABLE LetterVersions (
    Id            TEXT NOT NULL PRIMARY KEY,
    Kind          TEXT NOT NULL CHECK (Kind IN ('Requirement', 'Notice')),
    LetterId      TEXT NOT NULL,
    Version       INTEGER NOT NULL,
    BodyProtected TEXT NOT NULL,
    CreatedAt     TEXT NOT NULL,
    CreatedBy     TEXT NOT NULL REFERENCES Users (Id)
);
CREATE UNIQUE INDEX UX_LetterVersions_Letter_Version ON LetterVersions (Kind, LetterId, Version);
