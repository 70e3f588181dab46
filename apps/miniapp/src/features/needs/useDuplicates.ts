import { useEffect, useRef, useState } from 'react';
import {
  NEED_DESCRIPTION_MAX,
  NEED_TITLE_MAX,
  type NeedCategory,
  type NeedDuplicateSuggestionDto,
} from '@sbd/contracts';
import { attempt } from '@/platform/request';
import { duplicateQueryReady, type NeedForm } from './form';
import { findDuplicates } from './service';

const DUPLICATE_DELAY_MS = 600;

export interface Suggestion extends NeedDuplicateSuggestionDto {
  /** This user said +1 on this page. */
  mine?: boolean;
}

function keyOf(f: NeedForm): string {
  return `${f.category ?? ''}|${f.title.trim()}|${f.buildingId ?? ''}`;
}

/**
 * Likely duplicates of the need being written ("同一件事 +1"): asked while the resident types
 * (debounced), and again before posting when the text changed since. `current`: the suggestions on
 * screen were computed for exactly this text.
 */
export function useDuplicates(communityId: number, form: NeedForm) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  /** The form text the shown suggestions were computed for. */
  const [checkedKey, setCheckedKey] = useState('');
  const checkSeq = useRef(0);
  const dupKey = keyOf(form);

  const check = async (f: NeedForm): Promise<Suggestion[]> => {
    const seq = ++checkSeq.current;
    const key = keyOf(f);
    const r = await attempt(
      findDuplicates({
        communityId,
        category: f.category as NeedCategory,
        title: f.title.trim(),
        ...(f.description.trim() ? { description: f.description.trim().slice(0, NEED_DESCRIPTION_MAX) } : {}),
        ...(f.buildingId ? { buildingId: f.buildingId } : {}),
      }),
    );
    const found = r.ok ? r.data : [];
    if (seq === checkSeq.current) {
      setSuggestions((prev) => found.map((s) => ({ ...s, mine: prev.some((p) => p.id === s.id && p.mine) })));
      setCheckedKey(key);
    }
    return found;
  };

  useEffect(() => {
    if (!communityId || !duplicateQueryReady(form) || Array.from(form.title.trim()).length > NEED_TITLE_MAX) return;
    const t = setTimeout(() => void check(form), DUPLICATE_DELAY_MS);
    return () => clearTimeout(t);
  }, [dupKey]);

  /** Marks a suggestion as +1'd by this user, with the count the API answered. */
  const markMine = (id: number, plusOneCount: number) =>
    setSuggestions((list) => list.map((x) => (x.id === id ? { ...x, plusOneCount, mine: true } : x)));

  return { suggestions, current: checkedKey === dupKey, check, markMine };
}
