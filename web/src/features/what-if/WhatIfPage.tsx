/** /results/:id/what-if?unit=ID — the what-if simulator of one unit of a stored result (WhatIfPanel). */
import { Breadcrumb, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { routeIdOf } from '../../ui/routeId';
import { NotFound } from '../../ui/States';
import { WhatIfPanel } from './WhatIfPanel';
import '../../i18n/what-if';

export default function WhatIfPage() {
  const { t } = useI18n();
  const resultId = Number(useParams().id);
  const [search] = useSearchParams();
  // the result's id is checked by its route (ui/RouteIds.tsx), the unit's here
  const unitId = routeIdOf(search.get('unit'));
  if (unitId === null) return <NotFound />;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link to="/results">{t('wiResults')}</Link> },
          { title: <Link to={`/results/${resultId}`}>#{resultId}</Link> },
          { title: t('wiTitle') },
        ]}
      />
      <Typography.Title level={3}>{t('wiTitle')}</Typography.Title>
      <WhatIfPanel resultId={resultId} unitId={unitId} links />
    </>
  );
}
