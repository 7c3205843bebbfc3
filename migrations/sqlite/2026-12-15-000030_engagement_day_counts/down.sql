DROP TRIGGER engagement_days_delete;
DROP TRIGGER engagement_days_update;
DROP TRIGGER engagement_days_insert;
DROP TABLE engagement_day_counts;
