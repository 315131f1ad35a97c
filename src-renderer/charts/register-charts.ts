import { BarController, BarElement, CategoryScale, Chart, Decimation, Filler, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, ScatterController, Tooltip } from 'chart.js';

let registered = false;

/** Registers only what the Results charts use (lines, bands, bars, the decision map's scatter), once: keeps the bundle small. */
export function registerLineCharts(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale, BarController, BarElement, ScatterController, Filler, Decimation, Legend, Tooltip);
  registered = true;
}
