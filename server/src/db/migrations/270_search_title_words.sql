-- The words of titles alone (stemmed like the text), so that a very common word's best candidates,
-- those whose title holds it, are found first without ranking every match (search/query.ts).
CREATE INDEX search_entries_title_words ON search_entries USING gin (to_tsvector('atelier_fr', title));
