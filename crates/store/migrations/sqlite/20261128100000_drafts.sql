-- Autosaved editor drafts (issue 7): what a drafter typed but has not saved as a revision yet.
-- One row per pack and user, replaced on every autosave and deleted when the draft is saved
-- or discarded, so a crash or a closed window never loses more than the last few seconds.
CREATE TABLE drafts (
    pack_id       TEXT NOT NULL REFERENCES packs(id),
    user_id       TEXT NOT NULL REFERENCES users(id),
    base_revision INTEGER NOT NULL,
    content       TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (pack_id, user_id)
);
