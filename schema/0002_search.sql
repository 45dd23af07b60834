-- Sotay local store, schema 2: full-text search over documents, resolutions, meetings (topic and
-- minutes) and tasks.
--
-- SQLite's unicode61 tokenizer strips combining marks but keeps `đ` (a letter of its own), so the
-- store indexes text already folded by sotay_core::text::fold (`Đảng` → `dang`) and folds queries
-- the same way. The index is contentless: snippets are cut from the record itself, and since
-- folding keeps character offsets, a match in the folded text marks the same characters there.
-- The store fills the index from Rust when it finds `meta.search_index` missing, which also covers
-- stores that hold records from before this migration.

CREATE TABLE search_entry (
    rowid     INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    entity_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE search_fts USING fts5 (
    title,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
