// The only module that imports ECharts (STYLE §5): it registers just what the dashboard draws, so the bundle carries
// the line chart and the canvas renderer, not the whole library.
import type { LineSeriesOption } from 'echarts/charts';
import { LineChart } from 'echarts/charts';
import type { GridComponentOption, MarkPointComponentOption } from 'echarts/components';
import { GridComponent, MarkPointComponent } from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, MarkPointComponent, CanvasRenderer]);

/** The options the registered parts understand. */
export type ChartOption = ComposeOption<LineSeriesOption | GridComponentOption | MarkPointComponentOption>;

export type Chart = ECharts;

/** A chart in `element`, dark, drawn on canvas. */
export function createChart(element: HTMLElement): Chart {
  return init(element, null, { renderer: 'canvas' });
}
