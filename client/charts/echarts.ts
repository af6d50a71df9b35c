// The only module that imports ECharts (STYLE §5): it registers just what the dashboard draws, so the bundle carries
// the line chart, its axes, tooltip and the canvas renderer, not the whole library.
import type { LineSeriesOption } from 'echarts/charts';
import { LineChart } from 'echarts/charts';
import type { GridComponentOption, MarkPointComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, MarkPointComponent, TooltipComponent } from 'echarts/components';
import type { ComposeOption, ECharts } from 'echarts/core';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The 766 ranking: horizontal bars, the band cut-offs as lines.
import type { BarSeriesOption } from 'echarts/charts';
import { BarChart } from 'echarts/charts';
import type { MarkLineComponentOption } from 'echarts/components';
import { MarkLineComponent } from 'echarts/components';

use([LineChart, GridComponent, MarkPointComponent, TooltipComponent, CanvasRenderer]);
use([BarChart, MarkLineComponent]);

/** The options the registered parts understand. */
export type ChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | MarkPointComponentOption
  | TooltipComponentOption
  | BarSeriesOption
  | MarkLineComponentOption
>;

export type Chart = ECharts;

/** A chart in `element`, dark, drawn on canvas. */
export function createChart(element: HTMLElement): Chart {
  return init(element, null, { renderer: 'canvas' });
}
