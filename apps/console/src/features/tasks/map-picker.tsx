import { Button, Space } from 'antd';
import { useEffect, useId, useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import {
  fitScale,
  inside,
  moveBy,
  offsetOf,
  project,
  round6,
  scaleBar,
  unproject,
  type LatLng,
  type Plane,
} from './geo';

export interface MapMarker {
  id: number;
  title: string;
  at: LatLng;
}

export interface MapPickerProps {
  /** The pin: the task's place; null until chosen. */
  value: LatLng | null;
  onChange: (p: LatLng) => void;
  /** The check-in radius drawn around the pin, in metres (none: no circle). */
  radiusM?: number;
  /** What the map is for, e.g. 任务地点地图. */
  label?: string;
  /** The community's own position (the plane's centre when there is no pin yet). */
  home: LatLng | null;
  /** The community's other task places. */
  markers: MapMarker[];
}

const W = 640;
const H = 400;
/** Where the plane centres when neither the pin nor the community has a position (南通市政府). */
const FALLBACK: LatLng = { lat: 32.0162, lng: 120.8645 };
/** A pin further than this from the centre becomes the centre (rather than zooming out further). */
const FAR_M = 3000;
const KEY_STEPS: Record<string, [number, number]> = {
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

/**
 * 地图选点 that needs no tile server: a plain SVG plane around the community, to scale, with a
 * metre scale bar, the community's other task places, the pin and its check-in circle. Click to
 * set the pin; arrow keys move it 10 m (with Shift 100 m).
 */
export function MapPicker({ value, onChange, radiusM, label = '任务地点地图', home, markers }: MapPickerProps) {
  const hint = useId();
  const [center, setCenter] = useState<LatLng>(value ?? home ?? FALLBACK);
  const [zoom, setZoom] = useState(0);
  const reach = value ? offsetOf(center, value) : undefined;
  const metresPerPx = fitScale(radiusM ?? 0, W, H, reach) * 2 ** zoom;
  const plane: Plane = useMemo(() => ({ center, metresPerPx, width: W, height: H }), [center, metresPerPx]);
  // Without a pin the plane sits on the community (known only once its position has loaded).
  const hasPin = value !== null;
  useEffect(() => {
    if (!hasPin) setCenter(home ?? FALLBACK);
  }, [hasPin, home]);
  // A pin far away (typed into the number inputs) or off the edge (zoomed in) brings the plane along.
  useEffect(() => {
    if (value && (!inside(plane, value, 24) || Math.hypot(reach!.east, reach!.north) > FAR_M)) setCenter(value);
  }, [value, plane, reach]);

  const set = (p: LatLng) => onChange({ lat: round6(p.lat), lng: round6(p.lng) });
  const click = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    set(unproject(plane, ((e.clientX - r.left) * W) / r.width, ((e.clientY - r.top) * H) / r.height));
  };
  const key = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = KEY_STEPS[e.key];
    if (!step) return;
    e.preventDefault();
    const m = e.shiftKey ? 100 : 10;
    set(value ? moveBy(value, step[0] * m, step[1] * m) : center);
  };

  const bar = scaleBar(metresPerPx, 160);
  const grid = gridLines(bar.px);
  const pin = value ? project(plane, value) : null;
  const homeAt = home ? project(plane, home) : null;
  const status = value
    ? `定位点 ${value.lat.toFixed(6)}，${value.lng.toFixed(6)}${radiusM ? ` · 签到半径 ${radiusM} 米` : ''}`
    : '尚未选点：点击地图或用方向键设定地点';

  return (
    <div className="map-picker">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="application"
        aria-roledescription="地图选点"
        aria-label={label}
        aria-describedby={hint}
        tabIndex={0}
        onClick={click}
        onKeyDown={key}
      >
        <rect width={W} height={H} className="map-ground" />
        {grid.xs.map((x) => (
          <line key={`x${x}`} x1={x} x2={x} y1={0} y2={H} className="map-grid" />
        ))}
        {grid.ys.map((y) => (
          <line key={`y${y}`} x1={0} x2={W} y1={y} y2={y} className="map-grid" />
        ))}
        {markers.map((m) => {
          const p = project(plane, m.at);
          return (
            <g key={m.id} className="map-marker" transform={`translate(${p.x} ${p.y})`}>
              <title>{m.title}</title>
              <circle r={6} />
            </g>
          );
        })}
        {homeAt && (
          <g className="map-home" transform={`translate(${homeAt.x} ${homeAt.y})`}>
            <title>社区党群服务中心</title>
            <path d="M-8 2 L0 -7 L8 2 L8 9 L-8 9 Z" />
          </g>
        )}
        {pin && (
          <g className="map-pin">
            {radiusM ? <circle cx={pin.x} cy={pin.y} r={radiusM / metresPerPx} className="map-radius" /> : null}
            <path
              transform={`translate(${pin.x} ${pin.y})`}
              d="M0 0 C-3 -8 -10 -12 -10 -20 A10 10 0 1 1 10 -20 C10 -12 3 -8 0 0 Z"
            />
            <circle cx={pin.x} cy={pin.y - 20} r={4} className="map-pin-dot" />
          </g>
        )}
        <g className="map-legend" transform="translate(12 12)">
          <rect width={markers.length ? 186 : 66} height={28} rx={4} className="map-scale-bg" />
          <path transform="translate(16 14)" d="M-7 1 L0 -6 L7 1 L7 7 L-7 7 Z" className="map-legend-home" />
          <text x={28} y={19}>
            社区
          </text>
          {markers.length > 0 && (
            <>
              <circle cx={80} cy={14} r={5} className="map-legend-task" />
              <text x={92} y={19}>
                其他任务地点
              </text>
            </>
          )}
        </g>
        <g className="map-north" transform={`translate(${W - 28} 30)`}>
          <path d="M0 -18 L7 4 L0 -2 L-7 4 Z" />
          <text y={20} textAnchor="middle">
            北
          </text>
        </g>
        <g className="map-scale" transform={`translate(16 ${H - 18})`}>
          <rect x={-6} y={-22} width={bar.px + 12} height={30} rx={4} className="map-scale-bg" />
          <path d={`M0 -6 V0 H${bar.px} V-6`} />
          <text x={bar.px / 2} y={-8} textAnchor="middle">
            {bar.label}
          </text>
        </g>
      </svg>
      <div className="map-picker-bar">
        <span className="map-picker-hint" aria-live="polite">
          {status}
        </span>
        <span id={hint} className="sr-only">
          {status}点击地图设定地点，或用方向键移动定位点，每次 10 米，按住 Shift 每次 100 米。
        </span>
        <Space size={4}>
          <Button size="small" onClick={() => setZoom((z) => Math.max(z - 1, -3))}>
            放大
          </Button>
          <Button size="small" onClick={() => setZoom((z) => Math.min(z + 1, 3))}>
            缩小
          </Button>
          <Button size="small" disabled={!home} onClick={() => home && setCenter(home)}>
            回到社区
          </Button>
        </Space>
      </div>
    </div>
  );
}

/** Grid lines every `step` units through the centre, across the whole box. */
function gridLines(step: number): { xs: number[]; ys: number[] } {
  const along = (size: number) => {
    const out: number[] = [];
    for (let v = size / 2 - Math.floor(size / 2 / step) * step; v <= size; v += step) out.push(Math.round(v * 10) / 10);
    return out;
  };
  return { xs: along(W), ys: along(H) };
}
