/**
 * The what-if panel: a unit of a stored result types expected scores for chosen criteria (or "Max")
 * and sees its index, rank and group move at once — core/what-if.ts runs here, the same code the
 * server answers with — against the others' published results; and the fewest criteria that reach
 * the next group, with a button that puts them in the simulation. Used by the what-if page and the
 * plan page's "Kết quả" tab.
 */
import { formatScore, sub, trimScale } from '@core/score';
import {
  bandAbove,
  poolFromDecimals,
  smallestSetToNextGroup,
  whatIf,
  type WhatIfAnswer,
} from '@core/what-if';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n, type Translate } from '../../i18n/i18n';
import { LoadError, Loading } from '../../ui/States';
import { fmt } from '../../ui/format';
import { fetchWhatIfData } from './api';
import { changesOf, editableParts, hasCriterionScores, resultNameLacks, type EditablePart } from './model';
import '../../i18n/what-if';

function problemText(answer: Extract<WhatIfAnswer, { ok: false }>, t: Translate, lang: 'vi' | 'en'): string {
  switch (answer.problem) {
    case 'part-nested':
      return t('wiProblem_part-nested', { code: answer.code, parent: answer.parentCode });
    case 'out-of-range':
      return t('wiProblem_out-of-range', { code: answer.code, max: formatScore(answer.max, lang) });
    case 'part-unknown':
    case 'part-repeated':
      return t(`wiProblem_${answer.problem}`, { code: answer.code });
    default:
      return t(`wiProblem_${answer.problem}`);
  }
}

/**
 * A result as the pages name it: its title, with the pool and the year after it only when the title
 * does not say them (`yearSaid`: the sentence around says the year already).
 */
export function resultName(
  t: Translate,
  r: { title: string; poolName: string; year: number },
  yearSaid = false,
): string {
  const lacks = resultNameLacks(r.title, r.poolName, r.year);
  const params = { title: r.title, pool: r.poolName, year: r.year };
  if (lacks.pool && lacks.year && !yearSaid) return t('wiResultPoolYear', params);
  if (lacks.pool) return t('wiResultPool', params);
  if (lacks.year && !yearSaid) return t('wiResultYear', params);
  return r.title;
}

export function WhatIfPanel({
  resultId,
  unitId,
  links = 'none',
}: {
  resultId: number;
  unitId: number;
  /**
   * the links beside it: to the full page and next year's plan (the plan page's tab), or to next
   * year's plan only (the full page itself)
   */
  links?: 'none' | 'next-plan' | 'both';
}) {
  const { t, lang } = useI18n();
  const query = useQuery({
    queryKey: ['what-if', resultId, unitId],
    queryFn: () => fetchWhatIfData(resultId, unitId),
  });
  const [expected, setExpected] = useState<Record<string, string>>({});
  const pool = useMemo(() => (query.data ? poolFromDecimals(query.data) : null), [query.data]);
  const smallest = useMemo(() => (pool ? smallestSetToNextGroup(pool, unitId) : null), [pool, unitId]);

  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!pool || !query.data) return <Loading />;
  const data = query.data;
  const parts = editableParts(pool, unitId);
  const fullPageLink = links === 'both';
  // a result without any criterion's score: next year's plan has nothing to start from
  const nextPlanLink = links !== 'none' && hasCriterionScores(pool, unitId);
  const { changes, bad } = changesOf(expected);
  const answer = whatIf(pool, unitId, changes);
  const ranked = pool.units.length;
  const unit = pool.units.find((u) => u.unitId === unitId)!;

  const setOne = (code: string, text: string) => setExpected((e) => ({ ...e, [code]: text }));
  const toMax = (p: EditablePart) => p.max && setOne(p.code, formatScore(p.max, lang));

  return (
    <div data-testid="what-if">
      {/* nothing to type in without area or criterion scores: the table's place says so */}
      {parts.length > 0 && <Typography.Paragraph type="secondary">{t('wiHelp')}</Typography.Paragraph>}
      {answer.ok ? (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Card size="small" data-testid="wi-index">
              <Statistic
                title={t('wiIndex')}
                value={fmt(answer.after.index, lang)}
                valueStyle={{
                  color: answer.after.index.units > answer.before.index.units ? '#389e0d' : undefined,
                }}
              />
              <Typography.Text type="secondary">
                {t('wiBefore', { value: fmt(answer.before.index, lang) })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small" data-testid="wi-rank">
              <Statistic
                title={t('wiRank')}
                value={answer.after.rank ?? '—'}
                suffix={t('wiOf', { n: ranked })}
              />
              <Typography.Text type="secondary">
                {t('wiBefore', { value: answer.before.rank ?? '—' })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small" data-testid="wi-group">
              <Statistic title={t('wiGroup')} value={answer.after.group ?? t('wiNoGroup')} />
              <Typography.Text type="secondary">
                {t('wiBefore', { value: answer.before.group ?? t('wiNoGroup') })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('wiPoints')}
                value={parts.length === 0 ? '—' : fmt(answer.points.after, lang)}
                data-testid="wi-points"
              />
              <Typography.Text type="secondary">
                {answer.nextGroup
                  ? t('wiNextGroup', {
                      label: answer.nextGroup.label,
                      min: fmt(answer.nextGroup.minIndex, lang),
                    })
                  : t('wiTopGroup')}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      ) : (
        <Alert type="error" showIcon message={problemText(answer, t, lang)} style={{ marginBottom: 16 }} />
      )}
      {answer.ok && parts.length > 0 && (
        <Typography.Paragraph data-testid="wi-passed">
          {answer.passed.length === 0 ? t('wiPassedNone') : t('wiPassed', { n: answer.passed.length })}
          {answer.passed.length > 0 && ': '}
          {answer.passed.map((u) => (
            <Tag key={u.unitId} style={{ marginInlineEnd: 4 }}>
              {u.name} ({fmt(u.index, lang)})
            </Tag>
          ))}
        </Typography.Paragraph>
      )}

      <Row gutter={16}>
        <Col xs={24} lg={15}>
          {parts.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('wiNoParts')}
              data-testid="wi-no-parts"
              style={{ background: '#fff', padding: 24, margin: 0 }}
            />
          ) : (
            <>
              <Table<EditablePart>
                size="small"
                rowKey="code"
                dataSource={parts}
                scroll={{ x: 'max-content' }}
                pagination={parts.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
                columns={[
                  { title: t('wiColCode'), dataIndex: 'code', width: 70 },
                  { title: t('wiColName'), dataIndex: 'name', width: 280 },
                  { title: t('wiColScore'), width: 80, align: 'right', render: (_, p) => fmt(p.score, lang) },
                  {
                    title: t('wiColMax'),
                    width: 70,
                    align: 'right',
                    responsive: ['sm'],
                    render: (_, p) => fmt(p.max, lang),
                  },
                  {
                    title: t('wiColLost'),
                    width: 70,
                    align: 'right',
                    render: (_, p) => (p.max && p.score ? fmt(trimScale(sub(p.max, p.score)), lang) : ''),
                  },
                  {
                    title: t('wiColExpected'),
                    width: 170,
                    render: (_, p) => (
                      <Space.Compact size="small">
                        <Input
                          aria-label={`${t('wiColExpected')} ${p.code}`}
                          value={expected[p.code] ?? ''}
                          status={bad.includes(p.code) ? 'error' : undefined}
                          placeholder={fmt(p.score, lang)}
                          onChange={(e) => setOne(p.code, e.target.value)}
                          style={{ width: 80 }}
                          data-testid={`wi-expected-${p.code}`}
                        />
                        <Button onClick={() => toMax(p)} disabled={!p.max}>
                          {t('wiToMax')}
                        </Button>
                      </Space.Compact>
                    ),
                  },
                ]}
              />
              <Button
                style={{ marginTop: 8 }}
                onClick={() => setExpected({})}
                disabled={changes.length === 0 && bad.length === 0}
              >
                {t('wiClear')}
              </Button>
            </>
          )}
        </Col>
        <Col xs={24} lg={9}>
          {parts.length > 0 && (
            <Card
              size="small"
              title={smallest ? t('wiSmallestTitle', { label: smallest.target.label }) : t('wiGroup')}
              data-testid="wi-smallest"
            >
              {smallest ? (
                <>
                  <Typography.Paragraph>
                    {t('wiSmallestHelp', {
                      n: smallest.parts.length,
                      index: fmt(smallest.reaches.index, lang),
                      rank: smallest.reaches.rank ?? '—',
                    })}
                  </Typography.Paragraph>
                  <List
                    size="small"
                    dataSource={smallest.parts}
                    renderItem={(p) => (
                      <List.Item extra={<Tag color="volcano">−{fmt(p.atStake, lang)}</Tag>}>
                        <Typography.Text strong>{p.code}</Typography.Text>&nbsp;{p.name}
                      </List.Item>
                    )}
                  />
                  <Button
                    type="primary"
                    style={{ marginTop: 8 }}
                    onClick={() =>
                      setExpected(
                        Object.fromEntries(smallest.parts.map((p) => [p.code, formatScore(p.max, lang)])),
                      )
                    }
                    data-testid="wi-apply"
                  >
                    {t('wiApply')}
                  </Button>
                </>
              ) : (
                <Typography.Text type="secondary">
                  {pool.bands.length === 0
                    ? t('wiNoBands')
                    : bandAbove(unit.index, pool.bands) === null
                      ? t('wiSmallestTop')
                      : t('wiSmallestNone')}
                </Typography.Text>
              )}
            </Card>
          )}
          {(fullPageLink || nextPlanLink) && (
            <Space direction="vertical" style={{ marginTop: 12 }}>
              {fullPageLink && (
                <Link to={`/results/${resultId}/what-if?unit=${unitId}`}>{t('wiFullPage')}</Link>
              )}
              {nextPlanLink && (
                <Link to={`/results/${resultId}/units/${unitId}/next-plan`} data-testid="wi-next-plan">
                  {t('wiNextPlan')}
                </Link>
              )}
            </Space>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('wiSubtitle', { unit: unit.name, result: resultName(t, data) })}
          </Typography.Paragraph>
        </Col>
      </Row>
    </div>
  );
}
