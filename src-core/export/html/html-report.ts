import { escapeHtml } from './escape-html';
import type { ReportInput } from './report-input';
import { certificateSection, chartsSection, dataSection, metricsSection, preparationSection, robustnessSection, settingsSection, summarySection } from './report-sections';

export type { ReportInput, ReportRobustness } from './report-input';
export { REPORT_SECTIONS } from './report-input';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:980px;padding:24px;color:#1d2330;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:1px solid #d5d9e0;padding-bottom:4px;margin-top:32px}h3{font-size:16px}h4{font-size:14px}
table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #d5d9e0;padding:4px 8px;text-align:left;vertical-align:top}
table.kv th{background:#f3f5f8;font-weight:600;width:220px}thead th{background:#f3f5f8}
figure{margin:12px 0}.chart{max-width:100%;height:auto;font-size:11px}.chart-title{font-size:13px;font-weight:600}.note{color:#5b6474}.warnings{color:#9a6200}
nav ul{padding-left:18px}
@media print{body{max-width:none}}`;

/**
 * A self-contained HTML report of a run or model: one file, inline CSS and inline SVG charts,
 * no script and no external resource, so it opens offline in any browser. All text from data
 * and files is escaped.
 */
export function renderHtmlReport(input: ReportInput): string {
  const sections = [
    summarySection(input),
    dataSection(input),
    preparationSection(input),
    settingsSection(input),
    metricsSection(input),
    chartsSection(input),
    certificateSection(input),
    robustnessSection(input),
  ].filter((s) => s.length > 0);
  const toc = sections
    .map((s) => /^<section id="([^"]+)"><h2>(.*?)<\/h2>/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `<li><a href="#${m[1]}">${m[2]}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ConvexNet Studio ${escapeHtml(input.appVersion)}">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(input.title)}</h1><p class="note">ConvexNet Studio report: a two-layer ReLU network trained by convex reformulation.</p></header>
<nav aria-label="Sections"><ul>${toc}</ul></nav>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
