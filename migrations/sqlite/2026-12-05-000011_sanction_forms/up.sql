-- Sanctions as Nghị định 118/2021 lays them out (Mẫu MBB01, MQĐ02).

-- The decrees that set fines in a field, cited in full by a sanction decision; the clause that
-- halves (or doubles) a fine for the other kind of offender.
CREATE TABLE sanction_decrees (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    individual_clause TEXT NOT NULL DEFAULT '',
    valid_from DATE NOT NULL,
    valid_to DATE,
    legal_source TEXT NOT NULL,
    verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL
);

-- A catalogue rule names its decree; its fine is printed for organisations (most decrees) or for
-- individuals (e.g. NĐ 119/2020 Art. 6).
ALTER TABLE violation_rules ADD COLUMN decree_id TEXT REFERENCES sanction_decrees(id);
ALTER TABLE violation_rules ADD COLUMN fine_basis TEXT NOT NULL DEFAULT 'organisation';

-- Where fines are paid, printed in every sanction decision.
ALTER TABLE agencies ADD COLUMN treasury_name TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN treasury_account TEXT NOT NULL DEFAULT '';

-- What the violation record states beyond the violation itself (time and place it was made, who
-- made it, the violator's representative, witnesses, the violator's opinion, the right to explain).
ALTER TABLE violations ADD COLUMN record_details TEXT NOT NULL DEFAULT '{}';

-- Signature blocks of a document beside its signer: the other side of minutes, the violator and
-- witnesses of a violation record. Printed two to a row, in order.
CREATE TABLE document_parties (
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    caption TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);

-- Copies of an issued document besides the signed original: the published (secret-free) version
-- of a conclusion, with its own hash, so /verify recognises it as what it is.
CREATE TABLE document_copies (
    id TEXT PRIMARY KEY NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id),
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    made_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX document_copies_document ON document_copies(document_id);

-- A fine's payment: the amount paid and the receipt (biên lai) it was paid against; the
-- recommendation to pay it, made with the sanction decision, is settled by it.
ALTER TABLE violations ADD COLUMN paid_amount BIGINT;
ALTER TABLE violations ADD COLUMN receipt_no TEXT NOT NULL DEFAULT '';
ALTER TABLE recommendations ADD COLUMN violation_id TEXT;
