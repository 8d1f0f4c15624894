/** The catalogue of case event types. Synced into `event_types` at start so the administrator can list and configure them. */
import type { Visibility } from '../../kernel/types.ts';

export const EVENT_TYPES: readonly { code: string; visibility: Visibility; description: string }[] = [
  { code: 'case.registered', visibility: 'public', description: 'Received and numbered at the registry office' },
  { code: 'case.delivered', visibility: 'public', description: 'Delivered to the deciding body' },
  { code: 'case.accepted', visibility: 'public', description: 'Received by the clerk in the deciding body' },
  {
    code: 'case.status_changed',
    visibility: 'public',
    description: 'Status changed (in progress, incomplete, approved, rejected, dismissed, suspended, resolved)',
  },
  { code: 'case.assigned', visibility: 'public', description: 'Assigned or re-assigned to a unit and clerk' },
  { code: 'case.opinion_requested', visibility: 'public', description: 'Waiting for the opinion of another institution' },
  { code: 'case.opinion_received', visibility: 'public', description: 'The other institution gave its opinion' },
  { code: 'case.classified', visibility: 'public', description: 'Classification code assigned' },
  { code: 'case.note_added', visibility: 'internal', description: 'A note was added' },
  { code: 'case.document_added', visibility: 'public', description: 'A document was attached' },
  { code: 'case.appeal_received', visibility: 'public', description: 'An appeal was received' },
  { code: 'case.returned_to_registry', visibility: 'public', description: 'Returned to the registry office' },
  { code: 'case.archived', visibility: 'public', description: 'Archived' },
  { code: 'case.party_added', visibility: 'internal', description: 'A party was added to the case' },
  { code: 'case.rerouted', visibility: 'public', description: 'Problem report re-routed to another unit' },
  { code: 'case.merged', visibility: 'public', description: 'Merged with another report of the same problem' },
  { code: 'case.response_given', visibility: 'public', description: 'First response given (status and planned date)' },
  { code: 'case.deadline_set', visibility: 'public', description: 'Resolution deadline set' },
  { code: 'case.escalated', visibility: 'internal', description: 'Escalated for a missed deadline' },
  { code: 'case.field_result', visibility: 'public', description: 'Field work result recorded' },
  { code: 'case.text_moderated', visibility: 'internal', description: 'Public text of a report or update moderated (edited, redacted, hidden or approved)' },
  { code: 'case.cost_recorded', visibility: 'internal', description: 'Costs recorded' },
  { code: 'case.external_event', visibility: 'public', description: 'Event reported by an external registry system' },
  { code: 'case.citizen_reply', visibility: 'internal', description: 'The citizen wrote back (portal, SMS, Viber or e-mail)' },
];
