-- Citizen reception (tiếp công dân: Luật Tiếp công dân 2013, TT 04/2021/TT-TTCP): each visit with
-- who received and who came, what they raised, what was done, the notice concluding it and the
-- written submission it led to; the days the head receives citizens and who is on duty.
CREATE TABLE reception_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    year INTEGER NOT NULL,
    number BIGINT NOT NULL,
    held_on DATE NOT NULL,
    start_time TEXT NOT NULL,
    kind TEXT NOT NULL,
    host TEXT NOT NULL,
    officer_id TEXT REFERENCES users(id),
    topic TEXT NOT NULL,
    group_visit BOOLEAN NOT NULL DEFAULT FALSE,
    visitor_count INTEGER NOT NULL,
    subject TEXT NOT NULL,
    content TEXT NOT NULL,
    action TEXT NOT NULL,
    action_text TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    notice_id TEXT REFERENCES documents(id),
    submission_id TEXT REFERENCES submissions(id),
    search_text TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX reception_sessions_number ON reception_sessions(agency_id, year, number);
CREATE INDEX reception_sessions_day ON reception_sessions(agency_id, held_on DESC, id DESC);
CREATE INDEX reception_sessions_submission ON reception_sessions(submission_id);

CREATE TABLE reception_visitors (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES reception_sessions(id),
    position INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL
);
CREATE INDEX reception_visitors_session ON reception_visitors(session_id, position);

-- When the head of the agency receives citizens, effective-dated: monthly on a day of the month or
-- weekly on a weekday, moved to the next working day when it falls on a day off.
CREATE TABLE reception_schedules (
    id TEXT PRIMARY KEY NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    valid_from DATE NOT NULL,
    pattern TEXT NOT NULL,
    day_of_month INTEGER NOT NULL,
    weekday INTEGER NOT NULL,
    place TEXT NOT NULL,
    legal_source TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX reception_schedules_from ON reception_schedules(agency_id, valid_from);

-- Who presides and who is on duty on a reception day.
CREATE TABLE reception_duties (
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    day DATE NOT NULL,
    host TEXT NOT NULL,
    officer_id TEXT REFERENCES users(id),
    note TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, day)
);
