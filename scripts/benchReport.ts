/** The benchmark's measures and how they are shown: a markdown table and an SVG chart. */

/** What the build phase of one corpus reports. */
export interface BuildMeasure {
  buildMs: number;
  indexBytes: number;
  paragraphs: number;
  /** Longest event-loop stall of the main thread during the build. */
  buildStallMs: number;
  buildRssMb: number;
}

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  p50: number;
  p99: number;
  mean: number;
}

/** What the serve phase of one corpus reports. */
export interface ServeMeasure {
  loadMs: number;
  questions: number;
  /** The whole answer: retrieval, sentence choice, source. */
  answer: Percentiles;
  /** The bare search of the index answers come from (top 10) for the same questions. */
  search: Percentiles;
  /** The bare minisearch search (top 10) for the same questions over the same paragraphs. */
  minisearch: Percentiles;
  /** Minisearch's own build of an index of the same paragraphs (their texts, already in memory), in the same process. */
  minisearchBuildMs: number;
  /** Longest event-loop stall while `burst` questions were in flight at once. */
  burstStallMs: number;
  burst: number;
  /** Peak RSS of loading and answering (taken before the minisearch index is built for comparison). */
  serveRssMb: number;
}

/** One row of the benchmark. */
export interface BenchRow extends BuildMeasure, ServeMeasure {
  label: string;
}

/** Nearest-rank percentiles of a list of durations (milliseconds). */
export function percentiles(durations: number[]): Percentiles {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length };
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const seconds = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(0)} s` : value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`);
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB`;

/** The benchmark table in markdown. */
export function markdownTable(rows: BenchRow[]): string {
  const lines = [
    '| corpus | paragraphs | build | minisearch build | build ÷ minisearch build | index on disk | load | answer p50 | answer p99 | search p50 | search p99 | minisearch p50 | minisearch p99 | answer ÷ minisearch (p50) | stall, 200 in flight | stall during build | RSS build / serve |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.paragraphs.toLocaleString('en-US')} | ${seconds(row.buildMs)} | ${seconds(row.minisearchBuildMs)} | ${(row.buildMs / row.minisearchBuildMs).toFixed(1)}× | ${megabytes(row.indexBytes)} | ${seconds(row.loadMs)} | ${ms(row.answer.p50)} ms | ${ms(row.answer.p99)} ms | ${ms(row.search.p50)} ms | ${ms(row.search.p99)} ms | ${ms(row.minisearch.p50)} ms | ${ms(row.minisearch.p99)} ms | ${(row.answer.p50 / row.minisearch.p50).toFixed(2)}× | ${ms(row.burstStallMs)} ms | ${ms(row.buildStallMs)} ms | ${row.buildRssMb} / ${row.serveRssMb} MB |`,
    );
  }
  return lines.join('\n');
}

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = { left: 64, right: 170, top: 30, bottom: 50 };
const SERIES: Array<{ name: string; color: string; dash: string; value: (row: BenchRow) => number }> = [
  { name: 'answer p99', color: '#c0392b', dash: '', value: (row) => row.answer.p99 },
  { name: 'answer p50', color: '#c0392b', dash: '6 4', value: (row) => row.answer.p50 },
  { name: 'search p99', color: '#2471a3', dash: '', value: (row) => row.search.p99 },
  { name: 'search p50', color: '#2471a3', dash: '6 4', value: (row) => row.search.p50 },
  { name: 'minisearch p99', color: '#7f8c8d', dash: '', value: (row) => row.minisearch.p99 },
  { name: 'minisearch p50', color: '#7f8c8d', dash: '6 4', value: (row) => row.minisearch.p50 },
];

/** Powers of ten from below `low` to above `high`. */
function decades(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let power = Math.floor(Math.log10(low)); power <= Math.ceil(Math.log10(high)); power++) ticks.push(10 ** power);
  return ticks;
}

/** An SVG line chart of latency against corpus size (paragraphs), both axes logarithmic. */
export function latencyChart(rows: BenchRow[], title: string): string {
  const values = rows.flatMap((row) => SERIES.map((series) => series.value(row))).filter((value) => value > 0);
  const xTicks = decades(Math.min(...rows.map((row) => row.paragraphs)), Math.max(...rows.map((row) => row.paragraphs)));
  const yTicks = decades(Math.min(...values), Math.max(...values));
  const [xLow, xHigh] = [Math.log10(xTicks[0] ?? 1), Math.log10(xTicks[xTicks.length - 1] ?? 10)];
  const [yLow, yHigh] = [Math.log10(yTicks[0] ?? 0.1), Math.log10(yTicks[yTicks.length - 1] ?? 1)];
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (paragraphs: number) => MARGIN.left + ((Math.log10(paragraphs) - xLow) / (xHigh - xLow)) * plotWidth;
  const y = (milliseconds: number) => MARGIN.top + plotHeight - ((Math.log10(Math.max(milliseconds, 10 ** yLow)) - yLow) / (yHigh - yLow)) * plotHeight;
  const label = (value: number) => (value >= 1000 ? `${value / 1000}k` : String(value));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="14">${title}</text>`,
  ];
  for (const tick of xTicks) {
    parts.push(`<line x1="${x(tick).toFixed(1)}" y1="${MARGIN.top}" x2="${x(tick).toFixed(1)}" y2="${MARGIN.top + plotHeight}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(tick).toFixed(1)}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${label(tick)}</text>`);
  }
  for (const tick of yTicks) {
    parts.push(`<line x1="${MARGIN.left}" y1="${y(tick).toFixed(1)}" x2="${MARGIN.left + plotWidth}" y2="${y(tick).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${tick} ms</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">paragraphs in the corpus (log scale)</text>`);
  SERIES.forEach((series, position) => {
    const points = rows.map((row) => `${x(row.paragraphs).toFixed(1)},${y(series.value(row)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}"/>`);
    for (const row of rows) parts.push(`<circle cx="${x(row.paragraphs).toFixed(1)}" cy="${y(series.value(row)).toFixed(1)}" r="3" fill="${series.color}"/>`);
    const legendY = MARGIN.top + 10 + position * 20;
    const legendX = MARGIN.left + plotWidth + 16;
    parts.push(`<line x1="${legendX}" y1="${legendY}" x2="${legendX + 28}" y2="${legendY}" stroke="${series.color}" stroke-width="2" stroke-dasharray="${series.dash}"/>`);
    parts.push(`<text x="${legendX + 34}" y="${legendY + 4}">${series.name}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
