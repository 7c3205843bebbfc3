UPDATE finding_photos SET taken_at = datetime(taken_at, '+7 hours') WHERE taken_at IS NOT NULL;
