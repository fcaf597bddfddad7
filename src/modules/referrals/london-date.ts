/** The calendar date in the UK at an instant (pure): what "today" means for deadlines and check-ins. */
const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the UK (YYYY-MM-DD) at an instant. */
export const londonDate = (at: Date): string => LONDON.format(at);
