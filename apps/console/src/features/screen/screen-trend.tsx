import type { StatsDto } from '@sbd/contracts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { trendOption } from './screen-format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Services and hours per week (loaded lazily); one chart instance updated on every refresh. */
export default function ScreenTrend({ stats }: { stats: StatsDto }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    // The panel's size settles after the lazy chunk mounts, and changes with the window.
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(trendOption(stats));
  }, [stats]);
  return (
    <div ref={el} className="screen-trend" role="img" aria-label={`近${stats.series.length}周服务次数与服务时长趋势`} />
  );
}
