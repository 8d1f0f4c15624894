/**
 * A ceiling for the lookup benchmark: the two statements GET /api/v1/cases/by-number sends for a
 * leadership user (src/cases/repositories/case-repository.ts: findVisibleCase with scope "all", then
 * caseParties), as prepared statements straight from `pg`. Whatever the API does on top of these is
 * HTTP, authentication, validation, query building and serialisation.
 */
export const RAW_LOOKUP_SQL = [
  `select cases.id, cases.number, cases.case_type_id, cases.subject, cases.description, cases.channel, cases.classification_code,
     cases.tracking_code, cases.status, cases.is_open, cases.status_changed_at, cases.registry_unit_id, cases.unit_id, cases.clerk_id,
     cases.awaiting_unit_id, cases.registered_by, cases.registered_at, cases.due_at, cases.closed_at, cases.last_event_seq,
     cases.last_event_hash, cases.external_system, cases.external_id, cases.updated_at,
     unit.name as unit_name, clerk.display_name as clerk_name, awaiting.name as awaiting_unit_name,
     case_types.code as case_type_code, case_types.name as case_type_name
   from cases
   left join org_units as unit on unit.id = cases.unit_id
   left join users as clerk on clerk.id = cases.clerk_id
   left join org_units as awaiting on awaiting.id = cases.awaiting_unit_id
   left join case_types on case_types.id = cases.case_type_id
   where true and cases.number = $1`,
  `select parties.id, parties.kind, parties.name, parties.id_number, parties.phone, parties.email, parties.address, parties.locale, case_parties.role
   from case_parties inner join parties on parties.id = case_parties.party_id
   where case_parties.case_id = $1 order by parties.name`,
];
