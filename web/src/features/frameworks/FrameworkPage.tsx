/**
 * One framework: its decision, unit group, years, version and state, with Publish, New version and
 * Copy to next year (each confirmed first); then the criteria tree (method text, rule kind, evidence,
 * who scores, the not-applicable policy, who follows), what changed from the previous version, the
 * crosswalk with it, and the checker's findings. A leaf opens its drawer: the rule editor and "try it".
 */
import { unitGroupName } from '@core/unit-groups';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { FrameworkCriterionView, FrameworkView } from '@shared/api';
import { lazy, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { Loading, LoadError } from '../../ui/States';
import { useSession } from '../auth/session';
import { InPlace, WhenOpened } from '../lazy';
import { treeRows, type TreeRow } from './model';
import { DecisionText, RuleKindTag, StateTag, yearsText } from './parts';
import { useFramework, useFrameworkActions } from './useFramework';
import '../../i18n/frameworks';

// the tree shows first; the other tabs load when first opened, a leaf's drawer (the rule editor,
// "try it") when a leaf is first opened
const ChangesTab = lazy(() => import('./ChangesTab').then((m) => ({ default: m.ChangesTab })));
const CrosswalkTab = lazy(() => import('./CrosswalkTab').then((m) => ({ default: m.CrosswalkTab })));
const FindingsList = lazy(() => import('../../ui/FindingsList').then((m) => ({ default: m.FindingsList })));
const CriterionDrawer = lazy(() => import('./CriterionDrawer').then((m) => ({ default: m.CriterionDrawer })));

export default function FrameworkPage() {
  const id = Number(useParams().id);
  const query = useFramework(id);
  const framework = query.data;
  if (query.error) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!framework) return <Loading />;
  return <FrameworkShown key={framework.id} framework={framework} />;
}

function FrameworkShown({ framework: f }: { framework: FrameworkView }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const actions = useFrameworkActions(f.id);
  const [openId, setOpenId] = useState<number | null>(null);
  const [tab, setTab] = useState('criteria');
  const rows = useMemo(() => treeRows(f.criteria), [f.criteria]);
  const [expanded, setExpanded] = useState<readonly React.Key[]>(() =>
    f.criteria.filter((c) => c.depth <= 2).map((c) => c.code),
  );
  const leaves = f.criteria.filter((c) => c.rule !== null);
  const manual = leaves.filter((c) => c.rule?.kind === 'manual').length;
  const open = f.criteria.find((c) => c.id === openId) ?? null;
  const canManage = me.can.manageFrameworks;
  const frozen = f.frozen || f.state === 'in-use';
  const editable = canManage && !frozen;
  const errors = f.findings.filter((x) => x.severity === 'error').length;
  const warned = f.findings.filter((x) => x.severity !== 'info').length;

  const confirmThen = (title: string, content: string, ok: string, run: () => Promise<unknown>): void => {
    modal.confirm({ title, content, okText: ok, cancelText: t('cancel'), onOk: run });
  };

  const publish = () =>
    confirmThen(t('frameworkPublish'), t('frameworkPublishConfirm'), t('frameworkPublish'), () =>
      actions.publish(),
    );
  const newVersion = () =>
    confirmThen(
      t('frameworkNewVersion'),
      t('frameworkNewVersionConfirm', { n: f.version + 1 }),
      t('frameworkNewVersion'),
      async () => {
        const made = await actions.newVersion();
        if (made) void navigate(`/frameworks/${made.id}`);
      },
    );
  const nextYear = () =>
    confirmThen(
      t('frameworkCopyNextYear'),
      t('frameworkCopyNextYearConfirm', { year: (f.yearTo ?? f.year) + 1 }),
      t('frameworkCopyNextYear'),
      async () => {
        const made = await actions.nextYear();
        if (made) void navigate(`/frameworks/${made.id}`);
      },
    );

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="framework-name">
            {f.name}
          </Typography.Title>
          {f.title && f.title !== f.name && <Typography.Text type="secondary">{f.title}</Typography.Text>}
          <div style={{ marginTop: 6 }}>
            <Space wrap size={[8, 4]}>
              <StateTag state={f.state} />
              <Tag>{t('versionN', { n: f.version })}</Tag>
              {f.previousId !== null && (
                <Link to={`/frameworks/${f.previousId}`}>
                  <Typography.Text type="secondary">
                    {t('frameworkBasedOn', { n: f.version - 1 })}
                  </Typography.Text>
                </Link>
              )}
            </Space>
          </div>
        </div>
        {canManage && (
          <Space wrap>
            {f.state === 'draft' && (
              <Button
                type="primary"
                data-testid="publish"
                disabled={actions.busy || errors > 0}
                onClick={publish}
              >
                {t('frameworkPublish')}
              </Button>
            )}
            {f.state !== 'draft' && (
              <Button data-testid="new-version" disabled={actions.busy} onClick={newVersion}>
                {t('frameworkNewVersion')}
              </Button>
            )}
            <Button data-testid="next-year" disabled={actions.busy} onClick={nextYear}>
              {t('frameworkCopyNextYear')}
            </Button>
          </Space>
        )}
      </Space>

      {frozen && (
        <Alert
          type="warning"
          showIcon
          data-testid="frozen-note"
          message={t('frameworkFrozen')}
          style={{ margin: '16px 0' }}
        />
      )}
      {!frozen && f.state === 'published' && (
        <Alert type="info" showIcon message={t('frameworkPublishedNote')} style={{ margin: '16px 0' }} />
      )}

      <Row gutter={[12, 12]} style={{ margin: '16px 0' }}>
        <Col xs={24} md={10}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'decision',
                label: t('colDecision'),
                children: <DecisionText number={f.decisionNumber} date={f.decisionDate} />,
              },
              { key: 'group', label: t('colGroup'), children: unitGroupName(f.unitGroup, lang) },
              { key: 'years', label: t('colYears'), children: yearsText(f, t) },
              ...(f.sourceName ? [{ key: 'source', label: t('sourceFile'), children: f.sourceName }] : []),
            ]}
          />
        </Col>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title={t('statMax')} value={fmt(f.max, lang)} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('statLeaves')} value={leaves.length} />
          </Card>
        </Col>
        <Col xs={8} md={5}>
          <Card size="small">
            <Statistic title={t('statManual')} value={manual} />
          </Card>
        </Col>
      </Row>

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'criteria',
            label: t('tabCriteria'),
            children: (
              <Table<TreeRow<FrameworkCriterionView>>
                size="small"
                data-testid="framework-tree"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 1300 }}
                expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys) }}
                onRow={(r) => ({
                  onClick: () => r.rule !== null && setOpenId(r.id),
                  style: r.rule !== null ? { cursor: 'pointer' } : undefined,
                  'data-code': r.code,
                })}
                columns={[
                  {
                    title: t('colCode'),
                    width: 150,
                    onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
                    render: (_v, r) =>
                      r.rule !== null ? (
                        <Typography.Link
                          aria-label={t('openCriterion', { code: r.code })}
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpenId(r.id);
                          }}
                        >
                          {r.rawCode || r.code}
                        </Typography.Link>
                      ) : (
                        <strong>{r.rawCode || r.code}</strong>
                      ),
                  },
                  {
                    title: t('colCriterion'),
                    width: 300,
                    render: (_v, r) => (
                      <span style={{ fontWeight: r.rule === null ? 600 : undefined }}>{r.name}</span>
                    ),
                  },
                  { title: t('colMax'), width: 70, align: 'right', render: (_v, r) => fmt(r.max, lang) },
                  {
                    title: t('colRule'),
                    width: 150,
                    render: (_v, r) => (r.rule === null ? null : <RuleKindTag kind={r.rule.kind} />),
                  },
                  {
                    title: t('colMethod'),
                    width: 320,
                    render: (_v, r) => (
                      <Typography.Paragraph
                        ellipsis={{ rows: 3, tooltip: r.method }}
                        style={{ margin: 0, whiteSpace: 'pre-line' }}
                      >
                        {r.method}
                      </Typography.Paragraph>
                    ),
                  },
                  {
                    title: t('colEvidence'),
                    width: 220,
                    render: (_v, r) => (
                      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.evidence }} style={{ margin: 0 }}>
                        {r.evidence}
                      </Typography.Paragraph>
                    ),
                  },
                  {
                    title: t('colScorer'),
                    width: 140,
                    render: (_v, r) => (r.rule === null ? null : t(`scorer_${r.scorer}`)),
                  },
                  {
                    title: t('colNotApplicable'),
                    width: 140,
                    render: (_v, r) => (r.rule === null ? null : t(`na_${r.notApplicable}`)),
                  },
                  {
                    title: t('colFollowedBy'),
                    width: 160,
                    render: (_v, r) => r.followedBy?.name ?? r.followedByText ?? '',
                  },
                ]}
              />
            ),
          },
          {
            key: 'changes',
            label: t('tabChanges'),
            children: (
              <InPlace>
                <ChangesTab framework={f} />
              </InPlace>
            ),
          },
          {
            key: 'crosswalk',
            label: t('tabCrosswalk'),
            children: (
              <InPlace>
                <CrosswalkTab framework={f} editable={canManage} />
              </InPlace>
            ),
          },
          {
            key: 'findings',
            label: t('tabFrameworkFindings', { n: warned }),
            children: (
              <InPlace>
                <FindingsList findings={f.findings} header={false} testId="framework-findings" />
              </InPlace>
            ),
          },
        ]}
      />
      <WhenOpened open={open !== null}>
        <CriterionDrawer
          criterion={open}
          criteria={f.criteria}
          editable={editable}
          actions={actions}
          onClose={() => setOpenId(null)}
        />
      </WhenOpened>
    </>
  );
}
