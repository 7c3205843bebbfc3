DROP TRIGGER engagement_days_delete ON engagements;
DROP TRIGGER engagement_days_update ON engagements;
DROP TRIGGER engagement_days_insert ON engagements;
DROP FUNCTION engagement_days_keep();
DROP TABLE engagement_day_counts;
