import { useEffect, useState } from 'react';
import { learning } from '../../api/learning';
import { ErrorSummary, Status } from '../../ui/feedback';
import { CheckboxGroup } from '../../ui/fields';
import { useAction } from '../../ui/use-action';
import { useLoad } from '../../ui/use-load';

/** The strategies a cycle's hypothesis tries, from the coalition's list: saved on their own, so others find the cycle in the evidence base. */
export function StrategyTagPicker({ cycleId }: { cycleId: string }) {
  const loaded = useLoad(async () => {
    const [all, chosen] = await Promise.all([learning.strategyTags(true), learning.cycleTags(cycleId)]);
    return { all, chosen: chosen.map((t) => t.id) };
  }, [cycleId]);
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const { error, busy, run } = useAction();
  useEffect(() => {
    if (loaded.data) setTagIds(loaded.data.chosen);
  }, [loaded.data]);
  if (!loaded.data) return null;
  const shown = loaded.data.all.filter((t) => !t.retired || loaded.data!.chosen.includes(t.id));

  const save = () =>
    void run(async () => {
      setStatus('');
      const saved = await learning.tagCycle(cycleId, tagIds);
      setStatus(saved.length ? `Strategies saved: ${saved.map((t) => t.name).join(', ')}.` : 'No strategy chosen.');
    });

  return (
    <div className="strategy-tags">
      <ErrorSummary error={error} title="The strategies were not saved" />
      <CheckboxGroup
        id="hypothesis-tagIds"
        legend="Strategies this cycle tries (optional)"
        hint="Other pilots find your cycle in the evidence base by these."
        options={shown.map((t) => ({ value: t.id, label: t.name }))}
        values={tagIds}
        onChange={setTagIds}
      />
      <button type="button" className="button secondary" disabled={busy} onClick={save}>
        {busy ? 'Saving…' : 'Save strategies'}
      </button>
      <Status>{status}</Status>
    </div>
  );
}
