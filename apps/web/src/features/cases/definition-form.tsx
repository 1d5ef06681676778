import type { FormField } from '@opendmv/contracts';
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n/i18n-provider.tsx';

/** The applicant's answers, keyed as `form.<key>` inside the screen's antd form. */
export type FormAnswers = Record<string, string | undefined>;

/** Drops empty answers; the API takes `Record<string, string>`. */
export function cleanAnswers(answers: FormAnswers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(answers ?? {}))
    if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  return out;
}

/** Inputs for an item's form fields (definition.form): text, phone, choice, date. */
export function DefinitionFormFields({ fields }: { fields: readonly FormField[] }) {
  const { t, pick } = useI18n();
  return (
    <>
      {fields.map((f) => (
        <Form.Item
          key={f.key}
          name={['form', f.key]}
          label={pick(f.label)}
          rules={[
            { required: f.required, whitespace: true, message: t.apply.required },
            ...(f.maxLength ? [{ max: f.maxLength }] : []),
            ...(f.type === 'phone' ? [{ pattern: /^1\d{10}$/, message: pick(f.label) }] : []),
          ]}
          {...(f.type === 'date'
            ? {
                getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v) : undefined }),
                normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
              }
            : {})}
        >
          {f.type === 'choice' ? (
            <Select
              data-testid={`form-field-${f.key}`}
              options={(f.options ?? []).map((o) => ({ value: o.value, label: pick(o.label) }))}
              allowClear={!f.required}
            />
          ) : f.type === 'date' ? (
            <DatePicker data-testid={`form-field-${f.key}`} style={{ width: '100%' }} />
          ) : (
            <Input
              data-testid={`form-field-${f.key}`}
              maxLength={f.maxLength}
              inputMode={f.type === 'phone' ? 'tel' : undefined}
            />
          )}
        </Form.Item>
      ))}
    </>
  );
}
