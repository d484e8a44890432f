/**
 * The first screen's stylesheet (first-screen.ts), sent inside it as a <style> element (the CSP's
 * style-src allows inline styles, as antd's CSS-in-JS needs; scripts stay 'self' only): the first
 * screen paints with the HTML, before any stylesheet or script of the app has arrived, and the style
 * leaves with it when the app replaces it. The top of PlanPage.tsx as antd draws it with the app's
 * theme (web/src/App.tsx: colorPrimary #b8322a, borderRadius 4, fontSize 14), so nothing moves then.
 */
export const FIRST_SCREEN_STYLE = `
body {
  margin: 0;
  background: #f5f5f5;
}
.fs {
  min-height: 100vh;
  font-family:
    -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif,
    'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol', 'Noto Color Emoji';
  font-size: 14px;
  line-height: 1.5714;
  color: rgba(0, 0, 0, 0.88);
}
.fs,
.fs * {
  box-sizing: border-box;
}
/* web/src/styles.css's .page-content, which may not have arrived yet */
.fs-content {
  width: 100%;
  max-width: 1600px;
  margin: 0 auto;
  padding: 20px 24px;
}
@media (max-width: 767px) {
  .fs-content {
    padding: 12px 10px;
  }
}
.fs-header {
  display: flex;
  align-items: center;
  gap: 24px;
  height: 64px;
  padding-inline: 24px;
  background: #8e1f18;
  white-space: nowrap;
  overflow: hidden;
}
.fs-brand {
  display: flex;
  align-items: baseline;
  gap: 8px;
  min-width: 0;
}
.fs-brand > b {
  color: #fff;
  font-size: 18px;
  font-weight: 600;
}
.fs-tagline {
  color: #f3d9d6;
  overflow: hidden;
  text-overflow: ellipsis;
}
.fs-title {
  margin: 0;
  font-size: 24px;
  font-weight: 600;
  line-height: 1.3333;
}
.fs-secondary,
.fs-source,
.fs-stat-title {
  color: rgba(0, 0, 0, 0.45);
}
.fs-source {
  font-size: 12px;
}
.fs-line {
  margin-top: 4px;
  /* antd's Tag sits a pixel lower in its line */
  padding-top: 1px;
}
.fs-tag {
  display: inline-block;
  padding-inline: 7px;
  font-size: 12px;
  line-height: 20px;
  background: #f5f5f5;
  border: 1px solid transparent;
  border-radius: 4px;
}
.fs-tag-red {
  color: #cf1322;
  background: #fff1f0;
  border-color: #ffa39e;
}
.fs-note {
  margin: 16px 0;
  padding: 8px 12px 8px 34px;
  border-radius: 8px;
  border: 1px solid #91caff;
  background: #e6f4ff;
}
.fs-note-warning {
  border-color: #ffe58f;
  background: #fffbe6;
}
/* antd's Row with a 12 px gutter whose style margin (16px 0) drops the row's negative side margins:
   each column keeps its 6 px on both sides */
.fs-stats {
  display: grid;
  grid-template-columns: repeat(24, minmax(0, 1fr));
  row-gap: 12px;
  margin: 16px 0;
}
.fs-card {
  margin-inline: 6px;
  padding: 12px;
  background: #fff;
  border: 1px solid #f0f0f0;
  border-radius: 4px;
}
.fs-stat-title {
  margin-bottom: 4px;
}
.fs-stat-value {
  font-size: 24px;
}
.fs-small {
  font-size: 18px;
}
.fs-blue {
  color: #1d39c4;
}
.fs-red {
  color: #b8322a;
}
.fs-error {
  color: #cf1322;
}
.fs-xs8 {
  grid-column: span 8;
}
.fs-xs12 {
  grid-column: span 12;
}
.fs-xs24 {
  grid-column: span 24;
}
@media (min-width: 768px) {
  .fs-md3 {
    grid-column: span 3;
  }
  .fs-md4 {
    grid-column: span 4;
  }
  .fs-md6 {
    grid-column: span 6;
  }
}
@media (max-width: 767px) {
  .fs-header {
    height: 52px;
  }
  .fs-card {
    padding: 10px;
  }
  .fs-stat-value {
    font-size: 20px;
  }
}
.fs-tabs {
  display: flex;
  flex-wrap: wrap;
  column-gap: 32px;
  margin-bottom: 16px;
  box-shadow: inset 0 -1px 0 rgba(5, 5, 5, 0.06);
}
.fs-tabs > span {
  padding: 12px 0;
}
.fs-tabs > .fs-active {
  color: #b8322a;
  box-shadow: inset 0 -2px 0 #b8322a;
}
.fs-table {
  width: 100%;
  border-collapse: collapse;
  background: #fff;
}
.fs-table th,
.fs-table td {
  padding: 8px;
  text-align: start;
  vertical-align: top;
  border-bottom: 1px solid #f0f0f0;
}
.fs-table th {
  font-weight: 600;
  background: #fafafa;
}
.fs-table .fs-num {
  text-align: end;
  white-space: nowrap;
}
.fs-table .fs-code {
  width: 130px;
}
.fs-area > td {
  background: #fbf3f2;
}
.fs-table .fs-depth-1 {
  padding-inline-start: 24px;
}
.fs-table .fs-depth-2 {
  padding-inline-start: 40px;
}
.fs-table .fs-depth-3 {
  padding-inline-start: 56px;
}
.fs-table .fs-depth-4 {
  padding-inline-start: 72px;
}
`;
