import { get, post } from './client';

import type { CalendarFeedAddress } from '@r2c/contracts';

export type { CalendarFeedAddress };

export const calendarFeedApi = {
  address: () => get<CalendarFeedAddress>('/api/v1/me/calendar-feed'),
  reset: () => post<CalendarFeedAddress>('/api/v1/me/calendar-feed/reset'),
};
