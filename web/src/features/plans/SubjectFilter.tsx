/**
 * The plans list's unit filter: a search asked of the server as the name is typed (a moment after
 * typing stops), a page of units at a time — never every unit with a plan. The unit chosen is kept in
 * the address by its id; its label (the name, with the parent's when two units share it) is asked
 * by that id, so a reloaded or shared filter still shows whose plans it lists.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import type { SubjectChoice } from '@shared/api';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useDebounced } from '../../ui/useDebounced';
import '../../i18n/plans';

export function SubjectFilter(props: {
  value: number | undefined;
  archived: boolean;
  onChange: (id: number | undefined) => void;
}) {
  const { t, lang } = useI18n();
  const { value, archived } = props;
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  // the unit picked from the list: its label is known without asking
  const [picked, setPicked] = useState<SubjectChoice>();
  const found = useQuery({
    queryKey: ['plans', 'subject-choices', lang, archived, q],
    queryFn: () => api.subjectChoices({ q, archived }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const chosenKnown = value === undefined || picked?.id === value;
  const chosen = useQuery({
    queryKey: ['plans', 'subject-choice', lang, archived, value],
    queryFn: () => api.subjectChoices({ id: value, archived }),
    enabled: !chosenKnown,
  });
  const current = chosenKnown ? picked : chosen.data?.items[0];
  const items = found.data?.items ?? [];
  const options = [
    ...items,
    ...(current && value !== undefined && !items.some((u) => u.id === value) ? [current] : []),
  ].map((u) => ({ value: u.id, label: u.label }));
  const loading = found.isFetching || (!chosenKnown && chosen.isFetching);
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      style={{ width: 280, maxWidth: '100%' }}
      placeholder={t('filterSubject')}
      aria-label={t('filterSubject')}
      value={value}
      options={options}
      loading={loading}
      onOpenChange={setOpen}
      onSearch={setTyped}
      onChange={(id: number | undefined) => {
        setPicked(items.find((u) => u.id === id));
        setTyped('');
        props.onChange(id);
      }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('subjectNoMatch')}
      popupRender={(menu) => (
        <>
          {menu}
          {found.data?.more && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }}>
              {t('subjectMore')}
            </Typography.Text>
          )}
        </>
      )}
    />
  );
}
