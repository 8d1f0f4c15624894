import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table documents (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id),
      filename text not null,
      content_type text not null,
      size_bytes bigint not null,
      sha256 text not null,
      storage_key text not null,
      visibility text not null default 'public' check (visibility in ('public','internal')),
      uploaded_by uuid references users(id),
      created_at timestamptz not null default now()
    );
    create index documents_case on documents (case_id);
  `.execute(db);
}

export async function down(): Promise<void> {}
