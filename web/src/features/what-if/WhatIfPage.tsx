/** /results/:id/what-if?unit=ID — the what-if simulator of one unit of a stored result (WhatIfPanel). */
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { routeIdOf } from '../../ui/routeId';
import { NotFound } from '../../ui/States';
import { fetchWhatIfData } from './api';
import { WhatIfPanel } from './WhatIfPanel';
import '../../i18n/what-if';

export default function WhatIfPage() {
  const { t } = useI18n();
  const resultId = Number(useParams().id);
  const [search] = useSearchParams();
  // the result's id is checked by its route (ui/RouteIds.tsx), the unit's here
  const unitId = routeIdOf(search.get('unit'));
  // the panel's own query (one request): the result and the unit named as the results pages name them
  const query = useQuery({
    queryKey: ['what-if', resultId, unitId],
    queryFn: () => fetchWhatIfData(resultId, unitId ?? 0),
    enabled: unitId !== null,
  });
  if (unitId === null) return <NotFound />;
  const data = query.data;
  const unit = data?.units.find((u) => u.unitId === unitId);
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        data-testid="wi-breadcrumb"
        items={[
          { title: <Link to="/results">{t('wiResults')}</Link> },
          {
            title: <Link to={`/results/${resultId}`}>{data ? `${data.poolName} — ${data.year}` : '…'}</Link>,
          },
          ...(unit ? [{ title: <Link to={`/results/${resultId}/units/${unitId}`}>{unit.name}</Link> }] : []),
          { title: t('wiTitle') },
        ]}
      />
      <Typography.Title level={3}>{t('wiTitle')}</Typography.Title>
      <WhatIfPanel resultId={resultId} unitId={unitId} links="next-plan" />
    </>
  );
}
