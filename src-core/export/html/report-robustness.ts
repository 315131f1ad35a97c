import type { AccuracySet, RobustnessComparison, RobustnessReport } from '../../robust/robustness-report-types';
import { robustnessVerdict } from '../../robust/robustness-verdict';
import { formatNumber, formatPercentage } from './escape-html';
import type { ReportRobustness, ReportTable } from './report-input';

function accuracyRow(epsilon: number, set: AccuracySet): string[] {
  return [formatNumber(epsilon, 4), formatPercentage(set.clean, 1), formatPercentage(set.fgsm, 1), formatPercentage(set.pgd, 1), formatPercentage(set.certified, 1)];
}

function reportTable(title: string, report: RobustnessReport): ReportTable {
  if (report.task === 'regression') {
    return {
      caption: `${title}: RMSE on ${report.testPoints} ${report.dataSet} rows`,
      header: ['ε', 'clean', 'FGSM', 'PGD', 'certified bound'],
      rows: report.points.map((p) => [formatNumber(p.epsilon, 4), formatNumber(p.error?.clean), formatNumber(p.error?.fgsm), formatNumber(p.error?.pgd), formatNumber(p.error?.certifiedBound)]),
    };
  }
  return {
    caption: `${title}: accuracy on ${report.testPoints} ${report.dataSet} rows`,
    header: ['ε', 'clean', 'FGSM', 'PGD', 'certified'],
    rows: report.points.map((p) => accuracyRow(p.epsilon, p.accuracy)),
  };
}

/** The robustness section's content from a run's robustness comparison (robust model, and the standard one when trained). */
export function robustnessFromComparison(comparison: RobustnessComparison): ReportRobustness {
  const { robust, standard } = comparison;
  const tables = [reportTable('Adversarially trained model', robust)];
  if (standard) tables.push(reportTable('Same settings without adversarial training', standard));
  return {
    summary: `${robust.unitsText} Attacks: PGD with ${robust.attack.steps} steps and ${robust.attack.restarts} restarts; certification by ${robust.certification === 'interval' ? 'interval bound propagation' : 'exact vertex enumeration where small, else interval bounds'} (a certified accuracy is a proven lower bound).`,
    rows: [
      ['Threat norm', robust.norm],
      ['Radius units', robust.units],
      ...robust.warnings.map((w, i): [string, string] => [`Warning ${i + 1}`, w]),
      ...verdictRows(comparison),
    ],
    tables,
  };
}

/** The app's verdict when adversarial training did not pay (robustnessVerdict), as a row. */
function verdictRows(comparison: RobustnessComparison): [string, string][] {
  const verdict = robustnessVerdict(comparison);
  return verdict === null ? [] : [['Verdict', verdict]];
}
