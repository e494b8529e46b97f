-- The mall floor's queue (national-rules §7, MPP Digital "antrian"). A location is one place
-- with its own kiosks, display and numbering (a building of the mall); its rules are a JSON
-- `QueuePolicy` (priority policy after Luwu Pasal 35(3), last-ticket time, appointment slots).
CREATE TABLE IF NOT EXISTS queue_locations (
    id UUID PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    building TEXT NOT NULL,
    opening_hours TEXT NOT NULL,
    policy TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
-- A counter taking part in a location's queue, with the number announced ("loket tiga").
CREATE TABLE IF NOT EXISTS queue_counters (
    counter_id UUID PRIMARY KEY REFERENCES counters (id),
    location_id UUID NOT NULL REFERENCES queue_locations (id),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999),
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (location_id, number)
);
-- The services a queue counter calls tickets for.
CREATE TABLE IF NOT EXISTS queue_counter_services (
    counter_id UUID NOT NULL REFERENCES queue_counters (counter_id),
    service_id UUID NOT NULL REFERENCES services (id),
    PRIMARY KEY (counter_id, service_id)
);
-- Tickets. Numbers restart each day per location and prefix; the UNIQUE constraint is the
-- last guard behind the gap-free counter (architecture §2). `queued_at` is the place in line
-- (issue time, kept across a transfer); `target_counter_id` a counter it was transferred to.
CREATE TABLE IF NOT EXISTS queue_tickets (
    id UUID PRIMARY KEY,
    location_id UUID NOT NULL REFERENCES queue_locations (id),
    service_id UUID NOT NULL REFERENCES services (id),
    service_day DATE NOT NULL,
    prefix TEXT NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('kiosk','appointment','counter')),
    priority TEXT CHECK (priority IS NULL OR priority IN ('lansia','disabilitas','ibu_hamil','anak_kecil','korban_bencana')),
    appointment_id UUID,
    status TEXT NOT NULL CHECK (status IN ('waiting','called','serving','on_hold','served','no_show','cancelled')),
    counter_id UUID REFERENCES counters (id),
    target_counter_id UUID REFERENCES counters (id),
    officer_user_id UUID,
    issued_at TIMESTAMPTZ NOT NULL,
    queued_at TIMESTAMPTZ NOT NULL,
    called_at TIMESTAMPTZ,
    call_count INTEGER NOT NULL DEFAULT 0,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    outcome TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    UNIQUE (location_id, service_day, prefix, seq)
);
CREATE INDEX IF NOT EXISTS queue_tickets_waiting ON queue_tickets (location_id, service_day, status, queued_at);
-- Every call and recall, newest last: the display's "last calls", the calling policy's memory
-- of a counter's recent calls, and waiting-time statistics. Written with the audited ticket
-- change in one transaction.
CREATE TABLE IF NOT EXISTS queue_calls (
    id UUID PRIMARY KEY,
    ticket_id UUID NOT NULL REFERENCES queue_tickets (id),
    location_id UUID NOT NULL REFERENCES queue_locations (id),
    counter_id UUID NOT NULL REFERENCES counters (id),
    counter_number INTEGER NOT NULL,
    number TEXT NOT NULL,
    priority_lane BOOLEAN NOT NULL,
    recall BOOLEAN NOT NULL,
    called_by UUID,
    called_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_calls_location ON queue_calls (location_id, called_at);
CREATE INDEX IF NOT EXISTS queue_calls_counter ON queue_calls (counter_id, called_at);
-- Online appointments with their booking code; a slot's places are counted in
-- queue_slot_load, bumped in the booking's transaction so two bookings never overfill it.
CREATE TABLE IF NOT EXISTS queue_appointments (
    id UUID PRIMARY KEY,
    location_id UUID NOT NULL REFERENCES queue_locations (id),
    service_id UUID NOT NULL REFERENCES services (id),
    slot_date DATE NOT NULL,
    slot_time TEXT NOT NULL,
    slot_starts_at TIMESTAMPTZ NOT NULL,
    code TEXT NOT NULL UNIQUE,
    visitor_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked','checked_in','no_show','cancelled')),
    ticket_id UUID REFERENCES queue_tickets (id),
    created_at TIMESTAMPTZ NOT NULL,
    checked_in_at TIMESTAMPTZ,
    version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_appointments_slot ON queue_appointments (location_id, slot_date, status);
CREATE TABLE IF NOT EXISTS queue_slot_load (
    location_id UUID NOT NULL REFERENCES queue_locations (id),
    service_id UUID NOT NULL REFERENCES services (id),
    slot_date DATE NOT NULL,
    slot_time TEXT NOT NULL,
    booked INTEGER NOT NULL,
    PRIMARY KEY (location_id, service_id, slot_date, slot_time)
);
-- Mobile service visits (pelayanan bergerak, Mesuji Pasal 7(6)): a public schedule.
CREATE TABLE IF NOT EXISTS queue_mobile_visits (
    id UUID PRIMARY KEY,
    place TEXT NOT NULL,
    address TEXT NOT NULL,
    visit_date DATE NOT NULL,
    hours TEXT NOT NULL,
    services TEXT NOT NULL,
    note TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_mobile_visits_date ON queue_mobile_visits (visit_date);
