/**
 * In-place editing: a score, a text, a choice of units. Click to edit; Enter (Ctrl+Enter for text)
 * or leaving the field saves, Escape cancels. Text from documents is always rendered as text.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { parseScore, toDecimalString, type Score } from '@core/score';
import { useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Unit, UnitRef } from '@shared/api';
import { useI18n } from '../i18n/i18n';
import { fmt } from './format';

const clickable: CSSProperties = {
  cursor: 'pointer',
  borderBottom: '1px dashed #bbb',
  minWidth: 24,
  display: 'inline-block',
  minHeight: 20,
};

export function EditableScore(props: {
  value: Score | null;
  editable: boolean;
  label: string;
  onSave: (decimal: string | null) => Promise<boolean>;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shown = fmt(props.value, lang);
  if (!props.editable) return <span>{shown}</span>;
  if (!editing) {
    return (
      <Tooltip title={t('editHint')} mouseEnterDelay={0.6}>
        <span
          role="button"
          tabIndex={0}
          aria-label={props.label}
          style={clickable}
          onClick={() => {
            setText(fmt(props.value, 'vi'));
            setError(null);
            setEditing(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setText(fmt(props.value, 'vi'));
              setEditing(true);
            }
          }}
        >
          {shown || '\u00a0'}
        </span>
      </Tooltip>
    );
  }
  const commit = async () => {
    const parsed = parseScore(text);
    if (!parsed.ok) {
      setError(parsed.reason === 'too-many-decimals' ? t('tooManyDecimals') : t('notANumber', { text }));
      return;
    }
    const next = parsed.score === null ? null : toDecimalString(parsed.score);
    const before = props.value === null ? null : toDecimalString(props.value);
    setEditing(false);
    if (next !== before) await props.onSave(next);
  };
  return (
    <Tooltip open={error !== null} title={error} color="red">
      <Input
        autoFocus
        size="small"
        aria-label={props.label}
        value={text}
        status={error ? 'error' : undefined}
        placeholder={t('enterNumber')}
        style={{ width: 84, textAlign: 'right' }}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') setEditing(false);
        }}
        onBlur={() => void commit()}
      />
    </Tooltip>
  );
}

/** A value that turns into an editor on click or Enter. */
function ClickToEdit(props: {
  label: string;
  style?: CSSProperties;
  onStart: (e?: MouseEvent) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={props.label}
      title={t('editHint')}
      style={{ cursor: 'pointer', minHeight: 22, ...props.style }}
      onClick={(e) => props.onStart(e)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') props.onStart();
      }}
    >
      {props.children}
    </div>
  );
}

function Placeholder() {
  return <Typography.Text type="secondary">{'…'}</Typography.Text>;
}

export function EditableText(props: {
  value: string;
  label: string;
  placeholder?: string;
  singleLine?: boolean;
  /** show "…" where the text is empty (leaves: a task is expected there) */
  hint?: boolean;
  /** false: shown as text only (the reader may not change it) */
  editable?: boolean;
  onSave: (text: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  if (props.editable === false) return <div style={{ whiteSpace: 'pre-line' }}>{props.value}</div>;
  if (!editing) {
    return (
      <ClickToEdit
        label={props.label}
        style={{ whiteSpace: 'pre-line' }}
        onStart={() => {
          setText(props.value);
          setEditing(true);
        }}
      >
        {props.value === '' ? props.hint !== false && <Placeholder /> : props.value}
      </ClickToEdit>
    );
  }
  const commit = async () => {
    setEditing(false);
    if (text.trim() !== props.value.trim()) await props.onSave(text);
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setEditing(false);
    if (e.key === 'Enter' && (props.singleLine || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void commit();
    }
  };
  return props.singleLine ? (
    <Input
      autoFocus
      size="small"
      aria-label={props.label}
      value={text}
      placeholder={props.placeholder}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={keys}
      onBlur={() => void commit()}
    />
  ) : (
    <Input.TextArea
      autoFocus
      aria-label={props.label}
      value={text}
      placeholder={props.placeholder ?? t('taskPlaceholder')}
      autoSize={{ minRows: 2, maxRows: 14 }}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={keys}
      onBlur={() => void commit()}
    />
  );
}

export function UnitTags({ units, onOpen }: { units: readonly UnitRef[]; onOpen?: (unit: UnitRef) => void }) {
  return (
    <Space size={[4, 4]} wrap>
      {units.map((u) => (
        <Tag
          key={u.id}
          style={{ whiteSpace: 'normal', cursor: onOpen ? 'pointer' : undefined, marginInlineEnd: 0 }}
          onClick={onOpen ? () => onOpen(u) : undefined}
        >
          {u.name}
        </Tag>
      ))}
    </Space>
  );
}

/** Choose the lead units of a task among the plan's units, or add a new one. */
export function UnitPicker(props: {
  value: readonly UnitRef[];
  units: readonly Unit[];
  label: string;
  onSave: (ids: number[]) => Promise<boolean>;
  onAdd: (name: string) => Promise<Unit | null>;
  onOpen?: (unit: UnitRef) => void;
  hint?: boolean;
  /** false: the units are shown, not chosen */
  editable?: boolean;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [newName, setNewName] = useState('');
  if (props.editable === false) return <UnitTags units={props.value} onOpen={props.onOpen} />;
  if (!editing) {
    return (
      <ClickToEdit
        label={props.label}
        onStart={(e) => {
          // a click on a unit's tag opens that unit instead
          if (e && (e.target as HTMLElement).closest('.ant-tag') && props.onOpen) return;
          setSelected(props.value.map((u) => u.id));
          setEditing(true);
        }}
      >
        {props.value.length === 0 ? (
          props.hint !== false && <Placeholder />
        ) : (
          <UnitTags units={props.value} onOpen={props.onOpen} />
        )}
      </ClickToEdit>
    );
  }
  const finish = async (ids: number[]) => {
    setEditing(false);
    const before = props.value.map((u) => u.id);
    if (ids.length !== before.length || ids.some((id, i) => id !== before[i])) await props.onSave(ids);
  };
  const add = async () => {
    const name = newName.trim();
    if (name.length < 2) return;
    const unit = await props.onAdd(name);
    if (unit) {
      setSelected((s) => (s.includes(unit.id) ? s : [...s, unit.id]));
      setNewName('');
    }
  };
  return (
    <Select
      mode="multiple"
      autoFocus
      defaultOpen
      aria-label={props.label}
      style={{ width: '100%', minWidth: 200 }}
      placeholder={t('chooseUnits')}
      value={selected}
      onChange={(ids: number[]) => setSelected(ids)}
      optionFilterProp="label"
      options={props.units.map((u) => ({ value: u.id, label: u.name }))}
      onBlur={() => void finish(selected)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(false);
      }}
      popupRender={(menu) => (
        <>
          {menu}
          <Divider style={{ margin: '6px 0' }} />
          <Space.Compact style={{ width: '100%', padding: '0 6px 6px' }}>
            <Input
              size="small"
              placeholder={t('newUnitPlaceholder')}
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              onKeyDown={(e) => {
                e.stopPropagation();
                if (e.key === 'Enter') void add();
              }}
            />
            <Button
              size="small"
              icon={<PlusOutlined />}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void add()}
            >
              {t('addUnit')}
            </Button>
          </Space.Compact>
        </>
      )}
    />
  );
}
