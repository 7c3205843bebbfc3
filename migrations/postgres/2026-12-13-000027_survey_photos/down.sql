DROP TABLE survey_photos;
