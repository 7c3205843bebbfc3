DROP TABLE reception_duties;
DROP TABLE reception_schedules;
DROP TABLE reception_visitors;
DROP TABLE reception_sessions;
