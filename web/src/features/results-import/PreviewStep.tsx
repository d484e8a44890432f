/**
 * The results import's preview (ResultsImportPage.tsx), loaded when reached: every row with the unit
 * it was matched to, the computed rank and group beside the published ones, the findings with their
 * places, the unknown names mapped, confirm.
 */
import { formatLocation } from '@core/findings';
import type { ResultsImportPreview, ResultsImportUnit, UnitNode } from '@shared/api';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { FindingsList } from '../../ui/FindingsList';
import { fmt } from '../../ui/format';
import { ConfirmBar } from '../imports/ConfirmBar';
import { NameMapping } from '../imports/NameMapping';
import '../../i18n/results-import';

/** The rows whose computed rank or group differ from the published ones. */
function differs(u: ResultsImportUnit): { rank: boolean; group: boolean } {
  return {
    rank: u.publishedRank !== null && u.rank !== u.publishedRank,
    group: u.publishedGroup !== null && u.group !== null && u.group !== u.publishedGroup,
  };
}

export function PreviewStep(props: {
  preview: ResultsImportPreview;
  units: UnitNode[];
  mapping: Record<string, number>;
  setMapping: (m: Record<string, number>) => void;
  confirming: boolean;
  confirmError: string | null;
  back: () => void;
  confirm: () => void;
}) {
  const { t, lang } = useI18n();
  const { preview, mapping } = props;
  const missing = preview.unknownNames.filter((u) => mapping[u.name] === undefined);
  const choices = new Map<number, string>();
  for (const u of preview.unknownNames) for (const c of u.candidates) choices.set(c.id, c.name);
  for (const u of props.units) choices.set(u.id, u.name);
  const options = [...choices].map(([value, label]) => ({ value, label }));
  const parts = preview.parts.filter((p) => p.kind !== 'criterion');
  const sorted = [...preview.units].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph strong style={{ margin: 0 }} data-testid="results-summary">
        {t('riSummary', {
          units: preview.units.length,
          year: preview.year,
          pool: preview.poolName,
          file: preview.fileName,
        })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">{preview.title}</Typography.Text>
      {preview.replaces && (
        <Alert
          type="warning"
          showIcon
          message={t('riReplaces', { title: preview.replaces.title, units: preview.replaces.units })}
        />
      )}
      {!preview.canConfirm && <Alert type="error" showIcon message={t('riBlocking')} />}
      {preview.canConfirm &&
        (preview.differences > 0 ? (
          <Alert type="info" showIcon message={t('riDifferences', { n: preview.differences })} />
        ) : (
          <Alert type="success" showIcon data-testid="results-reproduced" message={t('riReproduced')} />
        ))}
      {preview.findings.length > 0 && (
        <Card size="small" title={t('findingsTitle')} data-testid="results-findings">
          <FindingsList findings={preview.findings} header={false} foldInfo={false} />
        </Card>
      )}
      {preview.unknownNames.length > 0 && (
        <NameMapping
          title={t('riUnknownTitle')}
          help={t('riUnknownHelp')}
          placeholder={t('riChooseUnit')}
          testId="results-unknown"
          names={preview.unknownNames.map((u) => ({
            name: u.name,
            note: t('riUnknownRows', { rows: u.rows.join(', ') }),
          }))}
          options={options}
          mapping={mapping}
          setMapping={props.setMapping}
        />
      )}
      <Table<ResultsImportUnit>
        data-testid="results-rows"
        size="small"
        rowKey={(r) => `${r.writtenAs}|${JSON.stringify(r.location)}`}
        pagination={{ pageSize: 70, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        dataSource={sorted}
        columns={[
          { title: t('riColRank'), width: 70, align: 'right', render: (_v, r) => r.rank ?? '–' },
          {
            title: t('riColUnit'),
            render: (_v, r) => {
              const id = r.unitId ?? mapping[r.writtenAs];
              const name = r.unitName ?? (id === undefined ? null : (choices.get(id) ?? null));
              return (
                <span>
                  {name ?? r.writtenAs}
                  {name !== r.writtenAs && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      “{r.writtenAs}”
                    </Typography.Text>
                  )}
                </span>
              );
            },
          },
          { title: t('riColIndex'), width: 80, align: 'right', render: (_v, r) => fmt(r.index, lang) },
          ...parts.map((p) => ({
            title: p.name,
            key: p.code,
            width: 110,
            align: 'right' as const,
            render: (_v: unknown, r: ResultsImportUnit) => fmt(r.scores[p.code] ?? null, lang),
          })),
          {
            title: t('riColPublishedRank'),
            width: 90,
            align: 'right',
            render: (_v, r) =>
              r.publishedRank === null ? null : differs(r).rank ? (
                <Tag color="orange">{r.publishedRank}</Tag>
              ) : (
                r.publishedRank
              ),
          },
          {
            title: t('riColGroup'),
            width: 90,
            render: (_v, r) => (r.group === null ? null : <Tag color="blue">{r.group}</Tag>),
          },
          {
            title: t('riColPublishedGroup'),
            width: 90,
            render: (_v, r) =>
              r.publishedGroup === null ? null : (
                <Tag color={differs(r).group ? 'orange' : undefined}>{r.publishedGroup}</Tag>
              ),
          },
          {
            title: t('riColRow'),
            width: 120,
            render: (_v, r) => (
              <Typography.Text type="secondary">{formatLocation(r.location, lang)}</Typography.Text>
            ),
          },
        ]}
      />
      <ConfirmBar
        label={t('riConfirm')}
        testId="results-confirm"
        error={props.confirmError}
        confirming={props.confirming}
        canConfirm={preview.canConfirm}
        unmapped={missing.length > 0 ? t('riConfirmMissing', { n: missing.length }) : null}
        back={props.back}
        confirm={props.confirm}
      />
    </Space>
  );
}
