/**
 * Downloads of the progress report (XLSX, DOCX): the whole plan's or one lead unit's, as of a day the
 * officer chooses (today by default). The server decides what the reader may have.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { todayIso } from '../../ui/format';
import '../../i18n/plans';

export function ReportDownload({
  planId,
  units,
  unitId: fixedUnit,
}: {
  planId: number;
  /** lead units to choose from; absent when the report is one unit's (fixedUnit) */
  units?: readonly { value: number; label: string }[];
  unitId?: number;
}) {
  const { t } = useI18n();
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs(todayIso()));
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const unitId = fixedUnit ?? chosen;
  const url = (format: 'xlsx' | 'docx') =>
    api.reportUrl(planId, format, { unitId, asOf: asOf.format('YYYY-MM-DD') });
  return (
    <Card size="small" title={t('reportTitle')} style={{ marginBottom: 12 }} data-testid="report-download">
      <Space wrap>
        <Space>
          {t('reportAsOf')}
          <DatePicker
            allowClear={false}
            format="DD/MM/YYYY"
            aria-label={t('reportAsOf')}
            value={asOf}
            onChange={(d: Dayjs | null) => d && setAsOf(d)}
          />
        </Space>
        {units && (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 280, maxWidth: '100%' }}
            placeholder={t('reportUnit')}
            aria-label={t('reportUnit')}
            value={chosen}
            onChange={(v: number | undefined) => setChosen(v)}
            options={[...units]}
          />
        )}
        <Button icon={<DownloadOutlined />} href={url('xlsx')} download>
          {t('reportXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} href={url('docx')} download>
          {t('reportDocx')}
        </Button>
      </Space>
    </Card>
  );
}
