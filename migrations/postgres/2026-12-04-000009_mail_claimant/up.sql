-- Which worker holds a delivery's claim, so that it can renew it while sending and release it when it stops.
ALTER TABLE outbox_recipients ADD COLUMN claimed_by TEXT;
