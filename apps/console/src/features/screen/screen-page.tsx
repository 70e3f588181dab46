import type { ScreenServiceDto } from '@sbd/contracts';
import { lazy, Suspense } from 'react';
import { navigate } from '@/platform/router';
import { childRankTitle, childRows, cstTime, kpis, memberRows, refreshSeconds, type RankRow } from './screen-format';
import { useScreen, type ScreenData } from './use-screen';

/** ECharts stays out of the unit specs' module graph (it ships ESM only). */
const ScreenTrend = lazy(() => import('./screen-trend'));

/** Rows shown before the list starts scrolling. */
const STILL_ROWS = 8;

function ServiceRows({ rows, hidden }: { rows: ScreenServiceDto[]; hidden?: boolean }) {
  return (
    <ul className="screen-services" aria-hidden={hidden || undefined}>
      {rows.map((s) => (
        <li key={s.claimId} className="screen-service">
          <span className="screen-service-time">{cstTime(s.verifiedAt, 'short')}</span>
          <span className="screen-service-community">{s.communityName}</span>
          <span className="screen-service-title">{s.taskTitle}</span>
          <span className="screen-service-member">{s.memberName}</span>
          <span className="screen-service-hours">{s.hours} 小时</span>
        </li>
      ))}
    </ul>
  );
}

function Ranking({ id, title, rows, empty }: { id: string; title: string; rows: RankRow[]; empty: string }) {
  return (
    <section className="screen-ranking" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 && <p className="screen-empty">{empty}</p>}
      <ol className="screen-rank">
        {rows.map((r, i) => (
          <li key={r.key} className="screen-rank-row">
            <span className={`screen-rank-no${i < 3 ? ' top' : ''}`}>{i + 1}</span>
            <span className="screen-rank-name">{r.name}</span>
            <span className="screen-rank-bar" aria-hidden="true">
              <span style={{ width: `${Math.round(r.share * 100)}%` }} />
            </span>
            <span className="screen-rank-value">{r.value}</span>
            <span className="screen-rank-detail">{r.detail}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Body({ data }: { data: ScreenData }) {
  const { stats, screen } = data;
  const scrolls = screen.latest.length > STILL_ROWS;
  return (
    <>
      <section className="screen-kpis" aria-label="核心指标">
        {kpis(stats).map((k) => (
          <div key={k.label} className="screen-kpi" role="group" aria-label={k.label}>
            <div className="screen-kpi-label">{k.label}</div>
            <div className="screen-kpi-value">{k.value}</div>
            <div className="screen-kpi-detail">{k.detail}</div>
          </div>
        ))}
      </section>
      <div className="screen-body">
        <section className="screen-panel" aria-labelledby="screen-trend-title">
          <h2 id="screen-trend-title">近{stats.series.length}周服务趋势</h2>
          <Suspense fallback={null}>
            <ScreenTrend stats={stats} />
          </Suspense>
        </section>
        <div className="screen-panel screen-rankings">
          {screen.children.length > 0 && (
            <Ranking
              id="screen-rank-children"
              title={childRankTitle(stats.nodeType)}
              rows={childRows(screen.children)}
              empty="暂无数据"
            />
          )}
          <Ranking id="screen-rank-members" title="党员服务时长排行" rows={memberRows(stats)} empty="本期暂无服务" />
        </div>
        <section className="screen-panel" aria-labelledby="screen-latest-title">
          <h2 id="screen-latest-title">最新核验服务</h2>
          {screen.latest.length === 0 && <p className="screen-empty">暂无已核验的服务</p>}
          <div className={`screen-scroller${scrolls ? ' scrolling' : ''}`} data-testid="latest-services">
            <div className="screen-scroller-track">
              <ServiceRows rows={screen.latest} />
              {scrolls && <ServiceRows rows={screen.latest} hidden />}
            </div>
          </div>
        </section>
      </div>
    </>
  );
}

/** 数据大屏: full-screen figures of one district, street or community, refreshed in place. */
export function ScreenPage({ nodeId, back }: { nodeId: number; back: string }) {
  const seconds = refreshSeconds(window.location.search);
  const { data, error } = useScreen(nodeId, seconds);
  return (
    <main className="screen">
      <header className="screen-header">
        <div className="screen-header-side">
          {data && (
            <span className="screen-period">
              统计周期 {data.from} 至 {data.to}
            </span>
          )}
        </div>
        <h1>{data ? `${data.stats.nodeName} · 党员双报到数据大屏` : '党员双报到数据大屏'}</h1>
        <div className="screen-header-side right">
          {data && (
            <span className="screen-updated" aria-live="polite">
              更新于 {cstTime(data.at, 'clock')} · 每{seconds}秒刷新
            </span>
          )}
          <button type="button" className="screen-back" onClick={() => navigate(back)}>
            返回后台
          </button>
        </div>
      </header>
      {error && (
        <div className="screen-error" role="alert">
          {data ? `刷新失败：${error}（显示的是上次的数据，稍后自动重试）` : error}
        </div>
      )}
      {data ? <Body data={data} /> : !error && <p className="screen-empty">正在加载…</p>}
    </main>
  );
}
