ALTER TABLE outbox_recipients DROP COLUMN claimed_by;
