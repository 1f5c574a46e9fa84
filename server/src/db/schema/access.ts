import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { editable, id } from './columns';
import { enterprises, orgs } from './reference';

// Accounts, sessions, the login lockout counter and the append-only audit log.

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** Region ids whose subtrees the user may see. */
    regionScopes: uuid('region_scopes').array().notNull().default(sql`'{}'::uuid[]`),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    /** Mobile number, encrypted (lib/crypto/field-protector); its blind index for an exact search. */
    phoneCipher: text('phone'),
    phoneIndex: text('phone_index'),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    /** TOTP secret (base32), encrypted; set at enrolment, in force once totpEnabledAt is set. */
    totpSecretCipher: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last 30-second step a code was accepted for: each code works once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    isDemo: boolean('is_demo').notNull().default(false),
    ...editable(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`).where(sql`${t.deletedAt} IS NULL`),
    index('users_phone_idx').on(t.phoneIndex),
  ],
);

/** One-time recovery codes for a lost authenticator (a keyed hash of each; shown once at enrolment). */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

/** Hashes of a user's earlier passwords, newest first when read: a new password may not be one of them. */
export const passwordHistory = pgTable(
  'password_history',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    passwordHash: text('password_hash').notNull(),
    /** When this password stopped being the user's. */
    replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('password_history_user_idx').on(t.userId, t.replacedAt.desc())],
);

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    /** SHA-256 of the cookie value; the value itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Password checked, second factor not yet: the session may only send the code or log out. */
    mfaPending: boolean('mfa_pending').notNull().default(false),
  },
  (t) => [uniqueIndex('sessions_token_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Consecutive login failures per (lower-cased) user name — also for names that do not exist. */
export const loginThrottle = pgTable('login_throttle', {
  usernameKey: text('username_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  firstFailureAt: timestamp('first_failure_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    userId: uuid('user_id'),
    username: text('username'),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    ip: text('ip'),
    requestId: text('request_id'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    result: text('result', { enum: ['success', 'failure', 'denied'] }).notNull(),
    summary: jsonb('summary'),
    /** When PostgreSQL stored the row (its own clock, not the app's): the sealer's horizon. */
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at.desc()),
    index('audit_log_recorded_idx').on(t.recordedAt),
    index('audit_log_object_idx').on(t.objectType, t.objectId, t.at.desc()),
    index('audit_log_user_idx').on(t.userId, t.at.desc()),
  ],
);

/**
 * The audit log's hash chain, written by one sealer in its own order (see docs/adr/002-audit-seal-chain.md):
 * seal n holds the HMAC of seal n-1's MAC and audit row n's content. Append-only like the log itself.
 */
export const auditSeals = pgTable(
  'audit_seals',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    auditId: uuid('audit_id').notNull(),
    prevMac: text('prev_mac').notNull(),
    mac: text('mac').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('audit_seals_audit_key').on(t.auditId)],
);
