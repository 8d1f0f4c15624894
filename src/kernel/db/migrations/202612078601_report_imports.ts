import { sql, type Kysely } from 'kysely';

// Imports of report history from the municipality's earlier records (spreadsheets): one row per import
// run, and one per imported report with the key that makes importing the same file again add nothing
// (its external_id, or the hash of the row's content when the file has none). An imported report's
// category was chosen by a person in the earlier system, so it is a training example for the router.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_imports (
      id uuid primary key default gen_random_uuid(),
      file_name text not null,
      imported_by uuid references users(id),
      imported_at timestamptz not null,
      rows_total int not null,
      created int not null,
      already_imported int not null,
      categories_created text[] not null default '{}'
    );
    create table imported_reports (
      case_id uuid primary key references cases(id),
      import_id uuid not null references report_imports(id),
      import_key text not null unique,
      line int not null,
      external_id text,
      unit_from_file boolean not null
    );
    create index imported_reports_import on imported_reports (import_id);
  `.execute(db);
}

export async function down(): Promise<void> {}
