/**
 * The reports whose category a person chose or confirmed: the router's training examples (issue 16).
 * A person chose it when the report was imported from the municipality's earlier records (its category
 * was set by a clerk there), or filed by staff in Glas (operator console, counter: the registration's
 * actor is on staff, and it did not come from an Open311 client); a dispatcher confirmed it by re-routing
 * the report. Citizens' own choices (web form, Open311 apps) and the catch-all category are not examples.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db/database.ts';
import { STAFF_ROLES } from '../../kernel/types.ts';

export type ExampleSource = 'imported' | 'staff' | 'rerouted';

export interface TrainingExample {
  caseId: string;
  text: string;
  categoryId: number;
  categoryCode: string;
  source: ExampleSource;
  registeredAt: Date;
}

/** A page of examples in case-id order, after `afterCaseId`; `exceptCategory` is the catch-all left out. */
export async function categoryTrainingExamples(
  db: DbOrTx,
  q: { afterCaseId?: string | null; limit: number; exceptCategory?: string | null },
): Promise<TrainingExample[]> {
  const rows = await sql<{ case_id: string; text: string; category_id: number; category_code: string; source: ExampleSource; registered_at: Date }>`
    select pr.case_id, c.description as text, pr.category_id, pc.code as category_code, c.registered_at,
      case
        when exists (select 1 from imported_reports ir where ir.case_id = pr.case_id) then 'imported'
        when exists (select 1 from case_events e where e.case_id = pr.case_id and e.type = 'case.rerouted') then 'rerouted'
        else 'staff'
      end as source
    from problem_reports pr
    join cases c on c.id = pr.case_id
    join problem_categories pc on pc.id = pr.category_id
    where (${q.afterCaseId ?? null}::uuid is null or pr.case_id > ${q.afterCaseId ?? null}::uuid)
      and (${q.exceptCategory ?? null}::text is null or pc.code <> ${q.exceptCategory ?? null}::text)
      and c.description <> ''
      and pr.merged_into is null
      and (
        exists (select 1 from imported_reports ir where ir.case_id = pr.case_id)
        or exists (select 1 from case_events e where e.case_id = pr.case_id and e.type = 'case.rerouted')
        or (pr.external_client is null and exists (
          select 1 from case_events e where e.case_id = pr.case_id and e.seq = 1 and e.actor_role = any(${[...STAFF_ROLES]}::text[])))
      )
    order by pr.case_id
    limit ${q.limit}`.execute(db);
  return rows.rows.map((r) => ({
    caseId: r.case_id,
    text: r.text,
    categoryId: r.category_id,
    categoryCode: r.category_code,
    source: r.source,
    registeredAt: new Date(r.registered_at),
  }));
}
