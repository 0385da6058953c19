import { get, post } from './client';

/** The secret address of the signed-in person's calendar (GET /me/calendar-feed); reset gives a new one and ends the old. */
export interface CalendarFeedAddress {
  url: string;
}

export const calendarFeedApi = {
  address: () => get<CalendarFeedAddress>('/api/v1/me/calendar-feed'),
  reset: () => post<CalendarFeedAddress>('/api/v1/me/calendar-feed/reset'),
};
