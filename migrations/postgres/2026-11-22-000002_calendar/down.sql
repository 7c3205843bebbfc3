DROP TABLE deadlines;
DROP TABLE deadline_rules;
DROP TABLE calendar_overrides;
DROP TABLE holiday_rules;
