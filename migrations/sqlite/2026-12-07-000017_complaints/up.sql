-- Complaints, denunciations and petitions (issue 13): each written submission (đơn) from intake to
-- its outcome, and an accepted one through its case, per TT 05/2021/TT-TTCP and the laws on
-- complaints (2011), denunciations (2018) and citizen reception (2013).

CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    -- the register of submissions received, numbered per agency and year without gaps
    year INTEGER NOT NULL,
    number BIGINT NOT NULL,
    -- printed on the receipt; with the citizen's phone it opens the public status page
    tracking_code TEXT NOT NULL,
    received_on DATE NOT NULL,
    -- walk_in | post | forwarded | email | web
    channel TEXT NOT NULL,
    -- the body that forwarded it, its letter number and date (channel forwarded)
    forwarded_by TEXT NOT NULL DEFAULT '',
    forwarded_ref TEXT NOT NULL DEFAULT '',
    -- complaint | denunciation | petition | mixed, by content, not by the letter's title
    kind TEXT NOT NULL,
    kind_reason TEXT NOT NULL,
    -- within | outside
    competence TEXT NOT NULL,
    subject TEXT NOT NULL,
    content TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    remote_area BOOLEAN NOT NULL DEFAULT FALSE,
    complex_case BOOLEAN NOT NULL DEFAULT FALSE,
    state TEXT NOT NULL,
    -- the state a suspended case goes back to
    resume_state TEXT NOT NULL DEFAULT '',
    outcome_reason TEXT NOT NULL DEFAULT '',
    forwarded_to TEXT NOT NULL DEFAULT '',
    accepted_on DATE,
    decided_on DATE,
    closed_on DATE,
    extensions INTEGER NOT NULL DEFAULT 0,
    duplicate_of TEXT REFERENCES submissions(id),
    officer_id TEXT REFERENCES users(id),
    -- folded subject, content, number and (except for denunciations) the people's names
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX submissions_number ON submissions(agency_id, year, number);
CREATE UNIQUE INDEX submissions_tracking ON submissions(tracking_code);
CREATE INDEX submissions_agency_updated ON submissions(agency_id, updated_at, id);
CREATE INDEX submissions_agency_state ON submissions(agency_id, state);
CREATE INDEX submissions_agency_received ON submissions(agency_id, received_on);
CREATE INDEX submissions_officer ON submissions(officer_id);
CREATE INDEX submissions_duplicate ON submissions(duplicate_of);

-- The people who signed or brought it (one or several). For a denunciation these are secret:
-- only the case's members and leaders read them, and each reading is audited.
CREATE TABLE submission_people (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    position INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    id_number TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    -- the phone's digits in national form (0…), for the public status page
    phone_digits TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submission_people_submission ON submission_people(submission_id, position);
CREATE INDEX submission_people_phone ON submission_people(phone_digits);

-- The outlets it concerns.
CREATE TABLE submission_outlets (
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    outlet_id TEXT NOT NULL REFERENCES outlets(id),
    PRIMARY KEY (submission_id, outlet_id)
);
CREATE INDEX submission_outlets_outlet ON submission_outlets(outlet_id);

-- Who is assigned to the case (the handling officer, the verification team).
CREATE TABLE submission_members (
    submission_id TEXT NOT NULL REFERENCES submissions(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    PRIMARY KEY (submission_id, user_id)
);
CREATE INDEX submission_members_user ON submission_members(user_id);
