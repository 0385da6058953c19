import { escapeText, foldByOctets } from './ical-lines';

const octets = (line: string) => Buffer.byteLength(line);

describe('iCalendar lines', () => {
  it('folds every line at 75 octets without splitting a character', () => {
    const title = 'SUMMARY:' + 'Café bilingüe — tertulia intergeneracional 📚 '.repeat(6);
    const folded = foldByOctets(`BEGIN:VEVENT\r\n${title}\r\nEND:VEVENT\r\n`);
    const lines = folded.split('\r\n');
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3);
    expect(folded.replace(/\r\n /g, '')).toBe(`BEGIN:VEVENT\r\n${title}\r\nEND:VEVENT\r\n`);
    expect(folded).not.toContain('\uFFFD');
  });

  it('refolds what another writer folded by characters', () => {
    const long = 'DESCRIPTION:' + 'ñ'.repeat(120);
    const byCharacters = `${long.slice(0, 75)}\r\n\t${long.slice(75)}`;
    const folded = foldByOctets(byCharacters);
    for (const line of folded.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });

  it('escapes text values', () => {
    expect(escapeText('R2C: Read, talk; meet\\again\nsoon')).toBe('R2C: Read\\, talk\\; meet\\\\again\\nsoon');
  });
});
