/**
 * The survey import's steps after the upload (SurveyImportPage.tsx), loaded when reached: each score
 * with its unit, criterion, max and the score it replaces, the findings, the names to map, confirm;
 * then what was written.
 */
import { formatLocation } from '@core/findings';
import type { SurveyPreview, SurveyPreviewRow, SurveyResult } from '@shared/api';
import { Alert, Button, Card, Result, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { FindingsList } from '../../ui/FindingsList';
import { fmt } from '../../ui/format';
import { ConfirmBar } from '../imports/ConfirmBar';
import { NameMapping } from '../imports/NameMapping';
import { unmappedNames, unitCount } from './model';
import '../../i18n/survey';

const STATUS_COLOR: Record<SurveyPreviewRow['status'], string> = {
  ok: 'green',
  'unknown-unit': 'orange',
  error: 'red',
};

export function DoneStep({
  roundId,
  result,
  onAnother,
}: {
  roundId: number;
  result: SurveyResult;
  onAnother: () => void;
}) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={<span data-testid="survey-done">{t('svDone', { written: result.written })}</span>}
      subTitle={t('svDoneSub', { replaced: result.replaced, unchanged: result.unchanged })}
      extra={
        <Space wrap>
          <Link to={`/rounds/${roundId}`}>
            <Button type="primary">{t('svBackToRound')}</Button>
          </Link>
          <Button onClick={onAnother}>{t('svImportAnother')}</Button>
        </Space>
      }
    />
  );
}

export function PreviewStep(props: {
  preview: SurveyPreview;
  mapping: Record<string, number>;
  setMapping: (m: Record<string, number>) => void;
  confirming: boolean;
  confirmError: string | null;
  back: () => void;
  confirm: () => void;
}) {
  const { t, lang } = useI18n();
  const { preview, mapping } = props;
  const missing = unmappedNames(preview, mapping);
  const units = new Map(preview.units.map((u) => [u.id, u.name]));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph strong style={{ margin: 0 }} data-testid="survey-summary">
        {t('svSummary', {
          rows: preview.rows.length,
          units: unitCount(preview, mapping),
          file: preview.fileName,
        })}
        {preview.layout && (
          <Typography.Text type="secondary">
            {' '}
            ({t(preview.layout === 'long' ? 'svLayoutLong' : 'svLayoutWide')})
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('svCriteria', { codes: preview.criteria.map((c) => c.code).join(', ') })}
      </Typography.Text>
      {!preview.canConfirm && <Alert type="error" showIcon message={t('svBlocking')} />}
      {preview.findings.length > 0 && (
        <Card size="small" title={t('findingsTitle')} data-testid="survey-findings">
          <FindingsList findings={preview.findings} header={false} foldInfo={false} />
        </Card>
      )}
      {preview.unknownUnits.length > 0 && (
        <NameMapping
          title={t('svUnknownTitle')}
          help={t('svUnknownHelp')}
          placeholder={t('svChooseUnit')}
          testId="survey-unknown"
          names={preview.unknownUnits}
          options={preview.units.map((x) => ({ value: x.id, label: x.name }))}
          mapping={mapping}
          setMapping={props.setMapping}
        />
      )}
      <Table<SurveyPreviewRow>
        data-testid="survey-rows"
        size="small"
        rowKey={(r) => `${r.unit}|${r.code}|${JSON.stringify(r.location)}`}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        dataSource={preview.rows}
        columns={[
          {
            title: t('svColUnit'),
            width: 170,
            render: (_v, r) => {
              const id = r.unitId ?? mapping[r.unit];
              const name = id === undefined ? null : (units.get(id) ?? null);
              return (
                <span>
                  {name ?? r.unit}
                  {name !== r.unit && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {name === null ? '' : `“${r.unit}”`}
                    </Typography.Text>
                  )}
                </span>
              );
            },
          },
          {
            title: t('svColCriterion'),
            render: (_v, r) => (
              <span>
                <strong>{r.code}</strong> {r.criterionName}
              </span>
            ),
          },
          { title: t('svColScore'), width: 80, align: 'right', render: (_v, r) => fmt(r.score, lang) },
          { title: t('svColMax'), width: 70, align: 'right', render: (_v, r) => fmt(r.max, lang) },
          {
            title: t('svColPrevious'),
            width: 130,
            render: (_v, r) =>
              r.previous === null ? null : r.previous === r.score ? (
                <Typography.Text type="secondary">{t('svSame')}</Typography.Text>
              ) : (
                t('svReplaces', { previous: fmt(r.previous, lang) })
              ),
          },
          {
            title: t('svColStatus'),
            width: 130,
            render: (_v, r) => {
              const status = r.status === 'unknown-unit' && mapping[r.unit] !== undefined ? 'ok' : r.status;
              return <Tag color={STATUS_COLOR[status]}>{t(`svStatus_${status}`)}</Tag>;
            },
          },
          {
            title: t('svColWhere'),
            width: 150,
            render: (_v, r) => (
              <Typography.Text type="secondary">{formatLocation(r.location, lang)}</Typography.Text>
            ),
          },
        ]}
      />
      <ConfirmBar
        label={t('svConfirm')}
        testId="survey-confirm"
        error={props.confirmError}
        confirming={props.confirming}
        canConfirm={preview.canConfirm}
        unmapped={missing.length > 0 ? t('svConfirmMissing', { n: missing.length }) : null}
        back={props.back}
        confirm={props.confirm}
      />
    </Space>
  );
}
