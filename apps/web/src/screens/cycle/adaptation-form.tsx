import { FormEvent, useState } from 'react';
import type { Gathering } from '../../api/types';
import { ErrorSummary } from '../../ui/feedback';
import { TextArea, TextField } from '../../ui/fields';
import { FormActions, SectionProps, useSectionSave } from './section-form';

const LABELS = {
  description: 'What you changed this time',
  implementedOn: 'Date it was put in place',
  sessionsHeld: 'Sessions held',
  participantsReached: 'Participants reached',
};

const GATHERING: [keyof Gathering, string][] = [
  ['whyGather', 'Why gather'],
  ['desiredOutcome', 'Desired outcome'],
  ['invitation', 'Invitation'],
  ['opening', 'Opening'],
  ['closing', 'Closing'],
  ['timeToReflect', 'Time to reflect'],
];

const wholeOrNull = (text: string): number | undefined | 'bad' => {
  if (!text.trim()) return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 0 ? n : 'bad';
};

export function AdaptationForm(props: SectionProps) {
  const { cycle, isCurrent } = props;
  const a = cycle.adaptation;
  const [description, setDescription] = useState(a?.description ?? '');
  const [implementedOn, setImplementedOn] = useState(a?.implementedOn ?? '');
  const [sessionsHeld, setSessionsHeld] = useState(a?.sessionsHeld?.toString() ?? '');
  const [participantsReached, setParticipantsReached] = useState(a?.participantsReached?.toString() ?? '');
  const [gathering, setGathering] = useState<Gathering>(a?.gathering ?? {});
  const [ownProblems, setOwnProblems] = useState<Record<string, string>>({});
  const { error, busy, save, problems, links } = useSectionSave(props, 'adaptation');

  const send = (moveOn: boolean) => {
    const sessions = wholeOrNull(sessionsHeld);
    const participants = wholeOrNull(participantsReached);
    const found: Record<string, string> = {};
    if (sessions === 'bad') found.sessionsHeld = 'Enter a whole number of sessions, such as 4.';
    if (participants === 'bad') found.participantsReached = 'Enter a whole number of people, such as 57.';
    setOwnProblems(found);
    if (Object.keys(found).length) return;
    const filled = Object.fromEntries(Object.entries(gathering).filter(([, v]: [string, string | undefined]) => v?.trim()));
    void save(
      {
        description,
        ...(implementedOn ? { implementedOn } : {}),
        ...(sessions !== undefined ? { sessionsHeld: sessions as number } : {}),
        ...(participants !== undefined ? { participantsReached: participants as number } : {}),
        ...(Object.keys(filled).length ? { gathering: filled } : {}),
      },
      moveOn,
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(isCurrent);
  };
  const errs = (field: string) => [...(problems(field) ?? []), ...(ownProblems[field] ? [ownProblems[field]] : [])];

  return (
    <form onSubmit={submit} noValidate aria-labelledby="phase-title">
      <ErrorSummary error={error} title={isCurrent ? 'The cycle cannot move on yet' : undefined} links={links(LABELS)} />
      <TextArea
        id="adaptation-description"
        label={LABELS.description}
        hint="What did you do differently in the programme this cycle? This is the one change the cycle tests; smaller changes made along the way go in the adaptation log further down."
        value={description}
        onChange={setDescription}
        errors={errs('description')}
        rows={4}
      />
      <TextField
        id="adaptation-implementedOn"
        type="date"
        label={LABELS.implementedOn}
        value={implementedOn}
        onChange={setImplementedOn}
        errors={errs('implementedOn')}
      />
      <div className="row">
        <TextField
          id="adaptation-sessionsHeld"
          label={LABELS.sessionsHeld}
          optional
          inputMode="numeric"
          value={sessionsHeld}
          onChange={setSessionsHeld}
          errors={errs('sessionsHeld')}
        />
        <TextField
          id="adaptation-participantsReached"
          label={LABELS.participantsReached}
          optional
          inputMode="numeric"
          value={participantsReached}
          onChange={setParticipantsReached}
          errors={errs('participantsReached')}
        />
      </div>
      <details className="subform" open={Object.values(gathering).some(Boolean)}>
        <summary>Gathering design (optional)</summary>
        <p className="hint">The gathering checklist: why you gather, what you hope for, how you invite, open, close and make time to reflect.</p>
        {GATHERING.map(([key, label]) => (
          <TextArea
            key={key}
            id={`adaptation-gathering-${key}`}
            label={label}
            optional
            rows={2}
            value={gathering[key] ?? ''}
            onChange={(value) => setGathering((g) => ({ ...g, [key]: value }))}
            errors={problems(`gathering.${key}`)}
          />
        ))}
      </details>
      <FormActions phase="adaptation" isCurrent={isCurrent} busy={busy} onDraft={() => send(false)} />
    </form>
  );
}
