ALTER TABLE agency_signers DROP COLUMN sanction_delegation;
