-- Which documents quote which questionnaire answer (a synthèse made from ticked answers): withdrawing
-- an answer finds here the documents to take its quotes out of. People co-edit a synthèse afterwards
-- (blocks moved, shortened, commented), so the quotes are found again by their text within these
-- documents, never by their position.
CREATE TABLE questionnaire_quotes (
  answer_id uuid NOT NULL REFERENCES questionnaire_answers(id) ON DELETE CASCADE,
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  PRIMARY KEY (answer_id, document_id)
);
CREATE INDEX questionnaire_quotes_document ON questionnaire_quotes(document_id);
