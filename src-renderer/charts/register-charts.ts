import { Chart, Decimation, Legend, LinearScale, LineController, LineElement, LogarithmicScale, PointElement, Tooltip } from 'chart.js';

let registered = false;

/** Registers only what the line charts use, once (keeps the bundle small). */
export function registerLineCharts(): void {
  if (registered) return;
  Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Decimation, Legend, Tooltip);
  registered = true;
}
