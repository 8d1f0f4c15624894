/** The columns of a file of report history (also named on the administrator's import screen, so no server imports here). */
export const REQUIRED_COLUMNS = ['received_at', 'category', 'text'] as const;
export const OPTIONAL_COLUMNS = ['address', 'lat', 'lon', 'channel', 'status', 'answered_at', 'closed_at', 'unit', 'external_id'] as const;
