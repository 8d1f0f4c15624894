/**
 * The message catalogue, assembled: the ground floor holds its own messages (src/i18n/messages.ts)
 * and each room contributes its table here, so that src/i18n imports no room. Imported by the
 * server's composition root (modules.ts) and by the web app (web/src/i18n.ts); adding a room's
 * table is one line.
 */
import { addMessages } from './i18n/catalog.ts';
import { REPORT_MESSAGES } from './reports/messages.ts';
import { CITIZEN_MESSAGES } from './citizens/messages.ts';
import { S48_MESSAGES } from './sistem48/messages.ts';
import { S48_STAFF_MESSAGES } from './sistem48/web-staff-messages.ts';
import { S48_PUBLIC_MESSAGES } from './sistem48/web-public-messages.ts';
import { ORGANISATION_MESSAGES } from './organisation/messages.ts';
import { S48_ANSWER_TIME_MESSAGES } from './sistem48/web-answer-time-messages.ts';
import { ROUTER_MESSAGES } from './sistem48/router-messages.ts';
import { DASHBOARD_MESSAGES } from './reports/dashboard-messages.ts';
import { FRONT_DOOR_MESSAGES } from './citizens/web-front-door-messages.ts';
import { S48_FOLLOW_MESSAGES } from './sistem48/follow-messages.ts';

for (const table of [REPORT_MESSAGES, CITIZEN_MESSAGES, S48_MESSAGES, S48_STAFF_MESSAGES, S48_PUBLIC_MESSAGES]) addMessages(table);
addMessages(ROUTER_MESSAGES);
addMessages(ORGANISATION_MESSAGES);
addMessages(S48_ANSWER_TIME_MESSAGES);
addMessages(DASHBOARD_MESSAGES);
addMessages(FRONT_DOOR_MESSAGES);
addMessages(S48_FOLLOW_MESSAGES);
