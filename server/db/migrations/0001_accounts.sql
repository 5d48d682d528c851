-- Accounts: branches, staff and their branches, sessions, login attempts and the audit log.
-- Times come from the database clock (now()), so several server processes agree on them.

CREATE TABLE branches (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- "Main Library" and "main library" are one branch.
CREATE UNIQUE INDEX branches_name_unique ON branches (lower(name));

CREATE TABLE staff (
  id uuid PRIMARY KEY,
  username text NOT NULL CHECK (length(username) BETWEEN 2 AND 64),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('desk', 'manager', 'admin')),
  -- scrypt in PHC format: $scrypt$ln=…,r=…,p=…$salt$hash (parameters travel with the hash).
  password_hash text NOT NULL CHECK (password_hash LIKE '$scrypt$%'),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Usernames are unique case-insensitively; logins look them up by lower(username).
CREATE UNIQUE INDEX staff_username_unique ON staff (lower(username));

-- desk and manager staff work in one or more branches; an admin sees all without rows here.
CREATE TABLE staff_branches (
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  branch_id uuid NOT NULL REFERENCES branches (id),
  PRIMARY KEY (staff_id, branch_id)
);
CREATE INDEX staff_branches_branch ON staff_branches (branch_id);

-- Only the SHA-256 of a token is stored: a copy of this table does not let anyone log in.
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  staff_id uuid NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  -- Slides forward with use, never past absolute_expires_at.
  expires_at timestamptz NOT NULL,
  absolute_expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('logout', 'disabled', 'password-reset')),
  CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX sessions_staff_active ON sessions (staff_id) WHERE revoked_at IS NULL;

-- Failed (and in-progress) logins, kept here rather than in memory so every server
-- process counts the same attempts.
CREATE TABLE login_attempts (
  id uuid PRIMARY KEY,
  username_key text NOT NULL,
  ip text NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_username ON login_attempts (username_key, attempted_at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, attempted_at);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- Who did it; null for the command line and for failed logins of unknown users.
  staff_id uuid REFERENCES staff (id),
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_staff ON audit_log (staff_id, at);
