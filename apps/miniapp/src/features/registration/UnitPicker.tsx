import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { WorkUnitDirectoryEntryDto } from '@sbd/contracts';
import { a11y, keyActivate } from '@/platform/a11y';
import { isApiError } from '@/platform/request';
import { Btn, LinkAction } from '@/ui/Button';
import { Field, TextField } from '@/ui/Field';
import { searchWorkUnits } from '@/features/org/service';

type Unit = Pick<WorkUnitDirectoryEntryDto, 'id' | 'name'> & { districtName?: string | null };

interface UnitPickerProps {
  /** The units of the community's district, offered before any search. */
  nearby: { id: number; name: string }[];
  unitId: number | null;
  /** The picked unit's name, or the name typed by hand. */
  unitName: string;
  onPick: (unit: { id: number; name: string } | null) => void;
  onType: (name: string) => void;
  error?: string;
}

function UnitOption({ unit, onPick }: { unit: Unit; onPick: () => void }) {
  const label = unit.districtName ? `${unit.name}（${unit.districtName}）` : unit.name;
  return (
    <View className="item" onClick={onPick} {...a11y(label, { role: 'button' })} {...keyActivate(onPick)}>
      <Text className="item-title">{unit.name}</Text>
      {unit.districtName ? <Text className="item-line">{unit.districtName}</Text> : null}
    </View>
  );
}

/**
 * 工作单位: a member may live in one district and work in another, so the unit is searched in
 * the city-wide directory (at least 2 characters); the district's own units come first, and a unit
 * that is not listed is typed by hand (staff link it to a unit later, 归并).
 */
export function UnitPicker({ nearby, unitId, unitName, onPick, onType, error }: UnitPickerProps) {
  const [manual, setManual] = useState(!unitId && !!unitName);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ items: Unit[]; next: string | null } | null>(null);
  const [searchError, setSearchError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const search = async (more = false) => {
    const q = query.trim();
    if ([...q].length < 2) return setSearchError('请至少输入2个字');
    setBusy(true);
    setSearchError(undefined);
    try {
      const page = await searchWorkUnits(q, more ? found?.next : undefined);
      setFound({ items: [...(more ? (found?.items ?? []) : []), ...page.items], next: page.nextCursor });
    } catch (e) {
      setSearchError(isApiError(e) ? e.message : '搜索失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  if (unitId) {
    return (
      <Field label="工作单位" required error={error}>
        <Text className="block mb-16">{`已选：${unitName}`}</Text>
        <LinkAction onClick={() => onPick(null)}>重新选择</LinkAction>
      </Field>
    );
  }
  if (manual) {
    return (
      <>
        <TextField
          label="单位名称"
          value={unitName}
          maxLength={100}
          placeholder="请输入单位全称"
          onChange={onType}
          error={error}
          required
        />
        <LinkAction onClick={() => setManual(false)}>在全市单位库中搜索</LinkAction>
      </>
    );
  }
  const list: Unit[] = found ? found.items : nearby;
  return (
    <>
      <TextField
        label="搜索工作单位"
        value={query}
        maxLength={50}
        placeholder="输入单位名称中的至少2个字"
        hint="可搜索全市各区的单位"
        onChange={setQuery}
        error={searchError ?? error}
        required
      />
      <Btn variant="secondary" loading={busy} onClick={() => void search()}>
        搜索全市单位
      </Btn>
      {!found && nearby.length ? <Text className="field-hint">本区单位</Text> : null}
      {list.map((u) => (
        <UnitOption key={u.id} unit={u} onPick={() => onPick(u)} />
      ))}
      {found && !found.items.length ? <Text className="block">没有找到该单位，可以换个关键词，或手动填写</Text> : null}
      {found?.next ? <LinkAction onClick={() => void search(true)}>加载更多</LinkAction> : null}
      <LinkAction onClick={() => setManual(true)}>找不到？手动填写单位名称</LinkAction>
    </>
  );
}
