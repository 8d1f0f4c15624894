import { sql, type Kysely } from 'kysely';

// Photos of a report (resized, metadata stripped). A citizen's photo is public only once staff approve it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_photos (
      id uuid primary key,
      case_id uuid not null references cases(id),
      source text not null check (source in ('citizen','field')),
      content_type text not null check (content_type in ('image/jpeg','image/png')),
      width int not null,
      height int not null,
      size_bytes int not null,
      sha256 text not null,
      storage_key text not null,
      uploaded_by uuid references users(id),
      approved_at timestamptz,
      approved_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index report_photos_case on report_photos (case_id, created_at);
  `.execute(db);
}

export async function down(): Promise<void> {}
