import { FieldErrors, Hint } from './fields';

/** The zones most coalition libraries are in, first; then every zone the browser knows, grouped by region. */
const COMMON = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];

function zonesByRegion(): [region: string, zones: string[]][] {
  const all = (Intl as unknown as { supportedValuesOf?(key: 'timeZone'): string[] }).supportedValuesOf?.('timeZone') ?? COMMON;
  const regions = new Map<string, string[]>();
  for (const zone of all) {
    const region = zone.includes('/') ? zone.split('/')[0] : 'Other';
    regions.set(region, [...(regions.get(region) ?? []), zone]);
  }
  return [...regions.entries()].sort(([a], [b]) => a.localeCompare(b));
}

const place = (zone: string) => zone.split('/').slice(1).join(' / ').replace(/_/g, ' ') || zone;

export function TimeZoneField({ id, value, onChange, errors }: { id: string; value: string; onChange(zone: string): void; errors?: string[] }) {
  const hint = 'Reminders go out in the morning of this zone.';
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const regions = zonesByRegion();
  const known = regions.some(([, zones]) => zones.includes(value)) || COMMON.includes(value);
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label className="label" htmlFor={id}>
        Time zone
      </label>
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
      <select
        id={id}
        name={id}
        value={value}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {!known && <option value={value}>{value}</option>}
        <optgroup label="Common in the coalition">
          {COMMON.map((zone) => (
            <option key={`common-${zone}`} value={zone}>
              {place(zone)} ({zone.split('/')[0]})
            </option>
          ))}
        </optgroup>
        {regions.map(([region, zones]) => (
          <optgroup key={region} label={region}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {place(zone)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
