DROP TABLE submission_documents;
