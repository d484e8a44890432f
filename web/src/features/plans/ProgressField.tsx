/**
 * A task's progress (%), edited in its cell: a whole number from 0 to 100, as the server takes it
 * (model.ts#parseProgress). Anything else ("12,5", "150") is refused here, with a message under the
 * field, and not sent; Escape puts the saved value back. A number field to assistive technology
 * (spinbutton), ↑/↓ moving by 10 as the number box before it did.
 */
import { Input, Typography } from 'antd';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { parseProgress } from './model';
import '../../i18n/plans';

const STEP = 10;

export function ProgressField(props: {
  value: number;
  label: string;
  disabled: boolean;
  onSave: (progress: number) => void;
}) {
  const { t } = useI18n();
  const messageId = useId();
  const [text, setText] = useState(String(props.value));
  const [invalid, setInvalid] = useState(false);
  // a new value from the server (this edit saved, another's) replaces what the field shows
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(String(props.value));
    setInvalid(false);
  }
  const commit = () => {
    const next = parseProgress(text);
    if (next === null) return setInvalid(true);
    setText(String(next));
    if (next !== props.value) props.onSave(next);
  };
  const step = (by: number) => {
    const now = parseProgress(text) ?? props.value;
    setText(String(Math.max(0, Math.min(100, now + by))));
    setInvalid(false);
  };
  return (
    <>
      <Input
        size="small"
        role="spinbutton"
        inputMode="numeric"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={parseProgress(text) ?? undefined}
        aria-invalid={invalid}
        aria-describedby={invalid ? messageId : undefined}
        disabled={props.disabled}
        suffix="%"
        status={invalid ? 'error' : undefined}
        style={{ width: 84 }}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          else if (e.key === 'Escape') {
            setText(String(props.value));
            setInvalid(false);
          } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            step(e.key === 'ArrowUp' ? STEP : -STEP);
          }
        }}
      />
      {invalid && (
        <Typography.Text type="danger" id={messageId} role="alert" style={{ display: 'block', fontSize: 12 }}>
          {t('progressInvalid')}
        </Typography.Text>
      )}
    </>
  );
}
