/**
 * A chart option (shared/results-charts.ts) drawn on the server: ECharts' server-side rendering to an
 * SVG string, then that SVG to PNG by resvg with DejaVu Sans (Vietnamese letters; the package
 * fonts-dejavu-core). No font, no picture: a clear error rather than boxes in place of letters.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

/** Where Debian (fonts-dejavu-core) and other systems put DejaVu Sans; PARINDEX_CHART_FONT first. */
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/local/share/fonts/DejaVuSans.ttf',
];
const FAMILY = 'DejaVu Sans';

export class ChartFontMissing extends Error {
  constructor(tried: readonly string[]) {
    super(`No DejaVu Sans font for the charts (install fonts-dejavu-core); looked at: ${tried.join(', ')}`);
    this.name = 'ChartFontMissing';
  }
}

/** The font file the charts are drawn with; throws ChartFontMissing when there is none. */
export function chartFontFile(
  env: NodeJS.ProcessEnv = process.env,
  places: readonly string[] = FONT_FILES,
): string {
  const tried = [env.PARINDEX_CHART_FONT, ...places].filter((f): f is string => !!f);
  const found = tried.find((f) => existsSync(f));
  if (found === undefined) throw new ChartFontMissing(tried);
  return found;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** The option drawn as an SVG document (ECharts SSR, no DOM), its text in DejaVu Sans. */
export async function chartSvg(option: Record<string, unknown>, size: ChartSize): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({ ...option, animation: false, textStyle: { fontFamily: FAMILY } });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The option drawn as a PNG at twice its size (sharp in a spreadsheet), on white. */
export async function chartPng(
  option: Record<string, unknown>,
  size: ChartSize,
  fontFile: string = chartFontFile(),
): Promise<Uint8Array> {
  const svg = await chartSvg(option, size);
  const png = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontFiles: [fontFile],
      loadSystemFonts: false,
      defaultFontFamily: FAMILY,
      sansSerifFamily: FAMILY,
    },
  })
    .render()
    .asPng();
  return new Uint8Array(png);
}
