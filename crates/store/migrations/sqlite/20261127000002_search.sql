-- Chinese full-text search: character bigrams (and single characters) computed in Rust, indexed
-- by a contentless FTS5 table whose rowid is packs.seq. Two-character words such as 公开 match,
-- which the trigram tokenizer cannot do (TECH-NOTES.md).
CREATE VIRTUAL TABLE pack_fts USING fts5(
    grams,
    unigrams,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
