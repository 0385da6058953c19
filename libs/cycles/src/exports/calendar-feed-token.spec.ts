import { calendarFeedToken, verifyCalendarFeedToken } from './calendar-feed-token';

const SECRET = 'a'.repeat(40);
const USER = '0f8b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

describe('calendar feed token', () => {
  it('names the person and the version it was made for', () => {
    const token = calendarFeedToken(USER, 3, SECRET);
    expect(token).toMatch(/^3_0f8b1c2d3e4f4a5b8c6d7e8f9a0b1c2d_[\w-]{43}$/);
    expect(verifyCalendarFeedToken(token, SECRET)).toEqual({ userId: USER, version: 3 });
  });

  it('is refused when any part was changed, cut short or signed with another key', () => {
    const token = calendarFeedToken(USER, 1, SECRET);
    const signature = token.split('_')[2];
    const flipped = signature[0] === 'A' ? 'B' : 'A';
    expect(verifyCalendarFeedToken(`2${token.slice(1)}`, SECRET)).toBeNull();
    expect(verifyCalendarFeedToken(token.replace(signature, flipped + signature.slice(1)), SECRET)).toBeNull();
    expect(verifyCalendarFeedToken(token.slice(0, -1), SECRET)).toBeNull();
    expect(verifyCalendarFeedToken(token, 'b'.repeat(40))).toBeNull();
    expect(verifyCalendarFeedToken('', SECRET)).toBeNull();
    expect(verifyCalendarFeedToken(`0_${token.slice(2)}`, SECRET)).toBeNull();
  });
});
