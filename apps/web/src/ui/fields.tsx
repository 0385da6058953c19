import { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** What the API or the form's own check said about this field, shown right beside it. */
  errors?: string[];
  optional?: boolean;
}

function describedBy(id: string, hint: unknown, errors?: string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors?.length ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, optional }: Pick<FieldProps, 'id' | 'label' | 'optional'>) {
  return (
    <label className="label" htmlFor={id}>
      {label}
      {optional && <span className="optional"> (optional)</span>}
    </label>
  );
}

export function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">Problem: </span>
      {[...new Set(errors)].join(' ')}
    </p>
  );
}

type InputProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> & { onChange(value: string): void };

export function TextField({ id, label, hint, errors, optional, onChange, className, ...input }: InputProps) {
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
      <input
        id={id}
        name={id}
        type="text"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...input}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

type AreaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange'> & { onChange(value: string): void };

export function TextArea({ id, label, hint, errors, optional, onChange, rows = 3, ...area }: AreaProps) {
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...area}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

type SelectProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange'> & {
    options: Option[];
    /** The first, empty choice ("Choose …"); leave out when a value is always chosen. */
    placeholder?: string;
    onChange(value: string): void;
  };

export function SelectField({ id, label, hint, errors, optional, options, placeholder, onChange, ...select }: SelectProps) {
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
      <select
        id={id}
        name={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        {...select}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ChoiceProps<V extends string> {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  options: (Option<V> & { hint?: string; disabled?: boolean })[];
  inline?: boolean;
}

export function RadioGroup<V extends string>({
  id,
  legend,
  hint,
  errors,
  options,
  value,
  onChange,
  inline,
}: ChoiceProps<V> & { value: V | '' | null; onChange(value: V): void }) {
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={`field choices${inline ? ' choices-inline' : ''}${errors?.length ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, hint, errors)}
    >
      <legend className="label">{legend}</legend>
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
      {options.map((o) => (
        <div className="choice" key={o.value}>
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={id}
            value={o.value}
            checked={value === o.value}
            disabled={o.disabled}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={`${id}-${o.value}`}>
            {o.label}
            {o.hint && <span className="choice-hint">{o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function CheckboxGroup({
  id,
  legend,
  hint,
  errors,
  options,
  values,
  onChange,
}: ChoiceProps<string> & { values: string[]; onChange(values: string[]): void }) {
  const toggle = (value: string, on: boolean) => onChange(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset id={id} tabIndex={-1} className={`field choices${errors?.length ? ' field-invalid' : ''}`} aria-describedby={describedBy(id, hint, errors)}>
      <legend className="label">{legend}</legend>
      <Hint id={id} hint={hint} />
      <FieldErrors id={id} errors={errors} />
      {options.map((o) => (
        <div className="choice" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${o.value}`}
            name={id}
            value={o.value}
            checked={values.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${o.value}`}>
            {o.label}
            {o.hint && <span className="choice-hint">{o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
