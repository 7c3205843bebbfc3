DROP TABLE documents;
DROP TABLE document_registers;
DROP TABLE stored_files;
