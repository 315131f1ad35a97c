import { BarController, BarElement, CategoryScale, Chart, Decimation, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';

let registered = false;

/** Registers only what the Results charts use (lines, bands, bars), once: keeps the bundle small. */
export function registerLineCharts(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale, BarController, BarElement, Filler, Decimation, Legend, Tooltip);
  registered = true;
}
