import { withoutSecrets } from './logging';

describe('request log lines', () => {
  it('leave out query strings and the secret part of a calendar feed address', () => {
    expect(withoutSecrets('/api/v1/unsubscribe?token=abc')).toBe('/api/v1/unsubscribe');
    expect(withoutSecrets('/api/v1/calendar-feeds/1_0f8b1c2d_secret.ics')).toBe('/api/v1/calendar-feeds/[redacted]');
    expect(withoutSecrets('/api/v1/cycles/42')).toBe('/api/v1/cycles/42');
  });
});
