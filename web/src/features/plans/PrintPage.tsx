/**
 * The appendix for printing: A4 landscape, the table's header repeated on every page (a thead
 * prints on each page), area rows bold, the stated values, as the exports print them.
 */
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { fmt } from '../../ui/format';
import { Loading, LoadError } from '../../ui/States';
import { allRows, buildModel } from './model';
import { usePlan } from './usePlan';
import '../../i18n/plans';

const css = `
@page { size: A4 landscape; margin: 12mm; }
.print-page { font-family: "Times New Roman", Times, serif; font-size: 12pt; color: #000; background: #fff; padding: 16px; }
.print-page h1, .print-page h2 { text-align: center; margin: 2px 0; font-size: 13pt; }
.print-page .subtitle { text-align: center; font-style: italic; margin-bottom: 10px; }
.print-page table { border-collapse: collapse; width: 100%; }
.print-page th, .print-page td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
.print-page th { background: #eee; }
.print-page thead { display: table-header-group; }
.print-page tr { break-inside: avoid; }
.print-page .num { text-align: center; white-space: nowrap; }
.print-page .area td { font-weight: bold; }
.print-page .multiline { white-space: pre-line; }
.print-toolbar { margin-bottom: 12px; }
@media print { .print-toolbar { display: none; } body { background: #fff; } }
@media screen and (max-width: 767px) {
  .print-page { padding: 8px; font-size: 11pt; }
  .print-page .table-box { overflow-x: auto; }
  .print-page table { min-width: 900px; }
}
`;

export default function PrintPage() {
  const { t } = useI18n();
  const planId = Number(useParams().id);
  const query = usePlan(planId);
  const plan = query.data;
  const model = useMemo(() => (plan ? buildModel(plan) : null), [plan]);
  if (query.error) return <LoadError error={query.error} />;
  if (!plan || !model) return <Loading />;
  const rows = [...allRows(model.roots)];
  return (
    <div className="print-page">
      <style>{css}</style>
      <div className="print-toolbar">
        <button type="button" onClick={() => window.print()}>
          {t('printButton')}
        </button>
      </div>
      <h1>{plan.label ?? 'PHỤ LỤC'}</h1>
      {plan.title && <h2>{plan.title}</h2>}
      {plan.subtitle && <div className="subtitle">{plan.subtitle}</div>}
      {/* on a phone's screen the A4 table scrolls in its own box, not the page */}
      <div className="table-box">
        <table>
          <thead>
            <tr>
              <th>STT</th>
              <th>Lĩnh vực/Tiêu chí/Tiêu chí thành phần</th>
              <th>Điểm chuẩn</th>
              <th>Điểm {plan.baselineYear} đạt được</th>
              <th>Mục tiêu năm {plan.year}</th>
              <th>Nhiệm vụ/giải pháp</th>
              <th>Đơn vị chủ trì</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.depth === 1 ? 'area' : undefined}>
                <td className="num">{r.key}</td>
                <td>{r.row.name}</td>
                <td className="num">{fmt(r.max, 'vi')}</td>
                <td className="num">{fmt(r.baseline, 'vi')}</td>
                <td className="num">{fmt(r.target, 'vi')}</td>
                <td className="multiline">{r.row.task?.text ?? ''}</td>
                <td className="multiline">{(r.row.task?.leadUnits ?? []).map((u) => u.name).join('\n')}</td>
              </tr>
            ))}
            <tr className="area">
              <td colSpan={2} className="num">
                TỔNG ĐIỂM
              </td>
              <td className="num">{fmt(model.totals.max, 'vi')}</td>
              <td className="num">{fmt(model.totals.baseline, 'vi')}</td>
              <td className="num">{fmt(model.totals.target, 'vi')}</td>
              <td />
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
