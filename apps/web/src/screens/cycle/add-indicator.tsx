import { useState } from 'react';
import { api } from '../../api/client';
import type { Indicator, IndicatorTemplate } from '../../api/types';
import { ErrorSummary, Status } from '../../ui/feedback';
import { SelectField, TextField } from '../../ui/fields';
import { INDICATOR_KIND_NAMES } from '../../ui/words';

const optionalNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** Adopting one of the shipped trust-building indicators, with its baseline and target. */
export function AddIndicator({ initiativeId, onAdded }: { initiativeId: string; onAdded(indicator: Indicator): void }) {
  const [open, setOpen] = useState(false);
  const [templates, setTemplates] = useState<IndicatorTemplate[]>([]);
  const [templateKey, setTemplateKey] = useState('');
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const toggle = async (isOpen: boolean) => {
    setOpen(isOpen);
    if (isOpen && !templates.length) {
      try {
        setTemplates((await api.templates()).items);
      } catch (e) {
        setError(e);
      }
    }
  };

  const adopt = async () => {
    setError(null);
    try {
      const indicator = await api.addIndicator(initiativeId, { templateKey, baseline: optionalNumber(baseline), target: optionalNumber(target) });
      onAdded(indicator);
      setStatus(`${indicator.name} added and chosen.`);
      setTemplateKey('');
      setBaseline('');
      setTarget('');
    } catch (e) {
      setError(e);
    }
  };

  const chosen = templates.find((t) => t.key === templateKey);
  return (
    <details className="subform" open={open} onToggle={(e) => void toggle((e.target as HTMLDetailsElement).open)}>
      <summary>Add an indicator from the catalogue</summary>
      <ErrorSummary error={error} title="The indicator was not added" />
      <SelectField
        id="indicator-template"
        label="Indicator"
        placeholder="Choose an indicator"
        options={templates.map((t) => ({ value: t.key, label: `${t.name} (${t.unit})` }))}
        value={templateKey}
        onChange={setTemplateKey}
        hint={chosen ? `${chosen.description} Measured as a ${INDICATOR_KIND_NAMES[chosen.kind]}.` : undefined}
      />
      <div className="row">
        <TextField id="indicator-baseline" label="Baseline" optional inputMode="decimal" value={baseline} onChange={setBaseline} />
        <TextField id="indicator-target" label="Target" optional inputMode="decimal" value={target} onChange={setTarget} />
      </div>
      <button type="button" className="button secondary" disabled={!templateKey} onClick={() => void adopt()}>
        Add indicator
      </button>
      <Status>{status}</Status>
    </details>
  );
}
