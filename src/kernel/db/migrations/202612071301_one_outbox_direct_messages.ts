import { sql, type Kysely } from 'kysely';

// One outbox for every message Glas sends. Messages that no case event causes (activation links,
// one-time codes, replies to what citizens sent, staff escalation e-mails) move from citizen_messages
// into notification_messages, so they get its guarded status, its delivery job and backoff, the
// stuck-message replay and matched delivery receipts. Such a "direct" message has no event, case or
// consent (the citizen asked for it, or it goes to staff); its `kind` says what it is for (the old
// `purpose`), `about_case_id` the case it concerns, and `redacted` the text kept once it has left
// (a code or link must not stay readable in the log).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table notification_messages
      alter column event_id drop not null,
      alter column case_id drop not null,
      alter column party_id drop not null,
      alter column consent_id drop not null,
      add column user_id uuid references users(id) on delete set null,
      add column about_case_id uuid references cases(id),
      add column redacted text,
      add column keyboard jsonb,
      add constraint notification_messages_origin check (
        (event_id is not null and case_id is not null and party_id is not null and consent_id is not null)
        or (event_id is null and case_id is null and consent_id is null));
    create index notification_messages_direct_user on notification_messages (user_id, kind, created_at desc) where user_id is not null;

    -- Same ids, so a citizen's reply to an e-mail sent before this change still finds its case.
    insert into notification_messages (
      id, event_id, case_id, party_id, consent_id, channel, kind, level, recipient, locale, subject, body, redacted, keyboard,
      template_versions, status, status_at, attempts, not_before, expires_at, provider_message_id, last_error,
      created_at, sent_at, failed_at, user_id, about_case_id)
    select id, null, null, party_id, null, channel, purpose, 'key', recipient, locale, subject, body, redacted, keyboard,
      '{}'::jsonb, case status when 'failed' then 'failed_permanent' else status end,
      coalesce(sent_at, created_at), attempts, not_before, expires_at, provider_message_id, last_error,
      created_at, sent_at, case when status in ('failed', 'expired') then created_at end, user_id, case_id
    from citizen_messages;

    -- The old 'citizens.send' jobs go; the messages still queued have no job now, so the stuck-message
    -- replay (orphanedWaiting) queues them on the one delivery job, where an expired code ends 'expired'.
    do $$ begin
      if to_regprocedure('graphile_worker.remove_job(text)') is not null then
        perform graphile_worker.remove_job('citizen-msg:' || id::text) from citizen_messages where status = 'queued';
      end if;
    end $$;

    drop table citizen_messages;
  `.execute(db);
}

export async function down(): Promise<void> {}
