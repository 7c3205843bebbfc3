-- Photos of a permit's site survey (the sign, the rooms, the distance to the school), kept like an
-- inspection's photos: the file once by SHA-256 with a thumbnail, its EXIF time and position.
CREATE TABLE survey_photos (
    id TEXT PRIMARY KEY NOT NULL,
    dossier_id TEXT NOT NULL REFERENCES dossiers(id),
    survey_id TEXT NOT NULL REFERENCES dossier_surveys(id),
    sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    thumb_sha256 TEXT NOT NULL REFERENCES stored_files(sha256),
    content_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    taken_at TIMESTAMP,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    caption TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMP NOT NULL
);
CREATE INDEX survey_photos_dossier ON survey_photos(dossier_id, uploaded_at);
