DROP TABLE submission_members;
DROP TABLE submission_outlets;
DROP TABLE submission_people;
DROP TABLE submissions;
