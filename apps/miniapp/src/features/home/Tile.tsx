import { Text, View } from '@tarojs/components';
import { a11y, keyActivate } from '@/platform/a11y';
import { openPage } from '@/platform/nav';
import type { TileDef } from './tiles';

/** A tile of the home page / 任务 tab; `count` adds "N条未读". */
export function Tile({ tile, count = 0 }: { tile: TileDef; count?: number }) {
  const open = () => openPage(tile.url);
  const unread = count > 0 ? `，${count}条未读` : '';
  return (
    <View
      className="tile"
      hoverClass="btn-pressed"
      onClick={open}
      {...a11y(`${tile.title}${unread}，${tile.desc}`, { role: 'button' })}
      {...keyActivate(open)}
    >
      <Text className="tile-icon" {...a11y(undefined, { hidden: true })}>
        {tile.icon}
      </Text>
      <Text className="tile-title">
        {tile.title}
        {count > 0 ? <Text className="tile-count">{`${count}条未读`}</Text> : null}
      </Text>
      <Text className="tile-desc">{tile.desc}</Text>
    </View>
  );
}

/** A grid of tiles. */
export function Tiles({ tiles, counts = {} }: { tiles: TileDef[]; counts?: Record<string, number> }) {
  return (
    <View className="tiles">
      {tiles.map((t) => (
        <Tile key={t.key} tile={t} count={counts[t.key] ?? 0} />
      ))}
    </View>
  );
}
