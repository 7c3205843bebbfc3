UPDATE finding_photos SET taken_at = taken_at + INTERVAL '7 hours' WHERE taken_at IS NOT NULL;
