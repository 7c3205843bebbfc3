DROP TABLE permits;
DROP TABLE dossier_documents;
DROP TABLE dossier_fees;
DROP TABLE dossier_surveys;
DROP TABLE dossier_items;
DROP TABLE dossiers;
DROP TABLE permit_types;
