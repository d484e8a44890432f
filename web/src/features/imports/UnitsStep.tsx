/**
 * The wizard's third step: map lead-unit names not in the register to existing units or create them,
 * choose where a new subject unit goes, agree to replace a stored plan, and confirm.
 */
import { Alert, Button, Card, Checkbox, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ImportPreview } from '@shared/api';
import { useI18n } from '../../i18n/i18n';
import '../../i18n/imports';

/** key "plan index|name" → unit id, or null for "create a new unit" */
export type Mapping = Record<string, number | null>;

/** plan index → where its new subject unit goes: "u:<unit id>" or "p:<index of an earlier plan>" */
export type Parents = Record<number, string>;

export function UnitsStep(props: {
  preview: ImportPreview;
  mapping: Mapping;
  setMapping: (m: Mapping) => void;
  parents: Parents;
  setParents: (p: Parents) => void;
  replace: boolean;
  setReplace: (v: boolean) => void;
  confirming: boolean;
  error: string | null;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const { preview, mapping } = props;
  const replacing = preview.plans.filter((p) => p.existingPlanId !== null && !p.unchanged);
  const needsReplace = replacing.length > 0;
  const lost = replacing.reduce((n, p) => n + (p.diff?.lostFollowUp ?? 0), 0);
  const parentMissing = preview.plans.some(
    (p, i) => p.newSubject?.needsParent === true && props.parents[i] === undefined,
  );
  const blocked = !preview.canConfirm || parentMissing || (needsReplace && !props.replace);
  const confirmButton = (
    <Button
      type="primary"
      loading={props.confirming}
      disabled={blocked}
      onClick={needsReplace ? undefined : props.onConfirm}
    >
      {t('confirmImport')}
    </Button>
  );
  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {preview.plans.map((p, i) => (
          <Card
            key={i}
            size="small"
            data-testid="units-card"
            title={`${p.subject ?? t('unknownSubject')} — ${p.year ?? '?'}`}
          >
            {p.newSubject?.needsParent && (
              <div style={{ marginBottom: 16 }}>
                <Typography.Paragraph strong style={{ marginBottom: 8 }}>
                  {t('parentTitle', { subject: p.subject ?? '' })}
                </Typography.Paragraph>
                <Select
                  style={{ width: '100%', maxWidth: 420 }}
                  showSearch
                  optionFilterProp="label"
                  aria-label={t('parentPlaceholder')}
                  placeholder={t('parentPlaceholder')}
                  notFoundContent={t('parentNone')}
                  value={props.parents[i]}
                  onChange={(v: string) => props.setParents({ ...props.parents, [i]: v })}
                  options={[
                    ...p.newSubject.parentPlans.map((j) => ({
                      value: `p:${j}`,
                      label: t('parentFromFile', { subject: preview.plans[j]?.subject ?? '' }),
                    })),
                    ...p.newSubject.parentOptions.map((u) => ({ value: `u:${u.id}`, label: u.name })),
                  ]}
                />
              </div>
            )}
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {t('leadUnitsUnknownTitle')}
            </Typography.Paragraph>
            {p.unknownUnits.length === 0 ? (
              <Typography.Text type="secondary">{t('unknownUnitsNone')}</Typography.Text>
            ) : (
              <Table
                size="small"
                rowKey="name"
                pagination={false}
                dataSource={p.unknownUnits}
                columns={[
                  { title: t('colNewUnit'), dataIndex: 'name' },
                  {
                    title: t('colVariants'),
                    render: (_v, u) =>
                      u.variants.filter((v) => v !== u.name).map((v) => <Tag key={v}>{v}</Tag>),
                  },
                  {
                    title: t('colMapTo'),
                    width: 340,
                    render: (_v, u) => (
                      <Select
                        style={{ width: '100%' }}
                        showSearch
                        optionFilterProp="label"
                        aria-label={`${t('colMapTo')} ${u.name}`}
                        value={mapping[`${i}|${u.name}`] ?? 0}
                        onChange={(v: number) =>
                          props.setMapping({ ...mapping, [`${i}|${u.name}`]: v === 0 ? null : v })
                        }
                        options={[
                          { value: 0, label: t('createNewUnit') },
                          ...p.knownUnits.map((k) => ({ value: k.id, label: k.name })),
                        ]}
                      />
                    ),
                  },
                ]}
              />
            )}
          </Card>
        ))}
        {needsReplace && (
          <Checkbox checked={props.replace} onChange={(e) => props.setReplace(e.target.checked)}>
            {t('replaceExisting')}
          </Checkbox>
        )}
        {parentMissing && <Typography.Text type="secondary">{t('parentNeeded')}</Typography.Text>}
        {needsReplace && !props.replace && (
          <Typography.Text type="secondary">{t('replaceNeeded')}</Typography.Text>
        )}
        {props.error && <Alert type="error" showIcon message={props.error} />}
      </Space>
      <Space style={{ marginTop: 16 }}>
        <Button onClick={props.onBack}>{t('back')}</Button>
        {needsReplace && !blocked ? (
          <Popconfirm
            title={t('replaceConfirmTitle', { n: replacing.length })}
            description={lost > 0 ? t('replaceConfirmLost', { n: lost }) : t('replaceConfirmKeeps')}
            okText={t('replaceOk')}
            okButtonProps={{ danger: lost > 0 }}
            cancelText={t('cancel')}
            onConfirm={props.onConfirm}
          >
            {confirmButton}
          </Popconfirm>
        ) : (
          confirmButton
        )}
      </Space>
    </>
  );
}
