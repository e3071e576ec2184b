/**
 * The runtime role's privileges (docs/operations.md, "Least-privilege database role"). The owner of
 * the tables — the role migrations run as — grants them; the server serves as the runtime role:
 *
 * - ordinary reads and writes (SELECT, INSERT, UPDATE, DELETE) on every table, now and on the tables
 *   later migrations create (default privileges of the owner);
 * - `migrations`: read only (the server checks at start that nothing is pending);
 * - `audit_log`: SELECT, and INSERT of the columns the server writes — not `id` (so not even
 *   `OVERRIDING SYSTEM VALUE` can forge one), not `at`; no UPDATE, DELETE or TRUNCATE;
 * - no ownership, so no ALTER TABLE, no DISABLE TRIGGER, no DROP; no CREATE in the schema.
 *
 * Idempotent: the server applies it after migrating when DATABASE_MIGRATION_URL is set, and an
 * operator may run it by hand: `node server/dist/database/roles.js qsgj_app | psql "$OWNER_URL"`.
 */
export function runtimeRoleSql(role: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) {
    throw new Error(`The runtime role's name must be lower-case letters, digits and _: ${JSON.stringify(role)}`);
  }
  const r = `"${role}"`;
  return `-- The runtime role ${r}: DML, an append-only audit log, no DDL. Run as the tables' owner.
GRANT USAGE ON SCHEMA public TO ${r};
REVOKE CREATE ON SCHEMA public FROM ${r};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${r};
REVOKE ALL ON audit_log FROM ${r};
GRANT SELECT ON audit_log TO ${r};
GRANT INSERT (actor_id, actor_role, action, target_type, target_id, outcome, ip, request_id, details) ON audit_log TO ${r};
`;
}

/** The role a postgres:// URL signs in as. */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

if (require.main === module) {
  const role = process.argv[2];
  if (!role) {
    console.error(
      'Usage: node server/dist/database/roles.js <runtime role>   (prints the SQL; pipe it to psql as the owner)',
    );
    process.exit(2);
  }
  process.stdout.write(runtimeRoleSql(role));
}
