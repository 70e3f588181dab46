import {
  NEED_DESCRIPTION_MAX,
  NEED_MAX_PHOTOS,
  NEED_TITLE_MAX,
  type CreateNeedRequest,
  type NeedCategory,
} from '@sbd/contracts';
import { isCnMobile } from '@sbd/domain';
import { combineDateTime } from '@/platform/time';
import type { FormErrors } from '@/platform/validation';

/** When the resident wants it done. */
export type ExpectedChoice = 'asap' | 'today' | 'tomorrow' | 'weekend' | 'date';

export const EXPECTED_LABELS: Record<ExpectedChoice, string> = {
  asap: '尽快',
  today: '今天',
  tomorrow: '明天',
  weekend: '周末',
  date: '选日期',
};

export interface NeedForm {
  category: NeedCategory | null;
  title: string;
  description: string;
  buildingId: number | null;
  place: string;
  expected: ExpectedChoice;
  /** "YYYY-MM-DD" when expected = 'date'. */
  expectedDate: string;
  /** Uploaded photo URLs (/api/uploads/…). */
  photos: string[];
  /** 代点单: staff post for a resident who is not online. */
  proxy: boolean;
  proxyName: string;
  proxyPhone: string;
}

export type NeedField = keyof NeedForm;

export function emptyNeedForm(init: Partial<NeedForm> = {}): NeedForm {
  return {
    category: null,
    title: '',
    description: '',
    buildingId: null,
    place: '',
    expected: 'asap',
    expectedDate: '',
    photos: [],
    proxy: false,
    proxyName: '',
    proxyPhone: '',
    ...init,
  };
}

const len = (s: string) => Array.from(s.trim()).length;

export function validateNeed(form: NeedForm): FormErrors<NeedField> {
  const title = len(form.title);
  const description = len(form.description);
  return {
    category: form.category ? undefined : '请选择需求类别',
    title: !title
      ? '请用一句话写明需求，如：3号楼楼道灯坏了'
      : title > NEED_TITLE_MAX
        ? `标题不能超过${NEED_TITLE_MAX}个字`
        : undefined,
    description: !description
      ? '请描述具体情况'
      : description > NEED_DESCRIPTION_MAX
        ? `描述不能超过${NEED_DESCRIPTION_MAX}个字`
        : undefined,
    place: len(form.place) > 100 ? '具体位置不能超过100个字' : undefined,
    expectedDate: form.expected === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(form.expectedDate) ? '请选择日期' : undefined,
    photos: form.photos.length > NEED_MAX_PHOTOS ? `最多上传${NEED_MAX_PHOTOS}张照片` : undefined,
    proxyName: form.proxy && !form.proxyName.trim() ? '请填写居民姓名' : undefined,
    proxyPhone:
      form.proxy && form.proxyPhone.trim() && !isCnMobile(form.proxyPhone.trim())
        ? '请输入正确的11位手机号'
        : undefined,
  };
}

/** The moment an expected-time choice stands for (local time), or null for "尽快". */
export function expectedAt(form: Pick<NeedForm, 'expected' | 'expectedDate'>, now: Date): Date | null {
  const at = (days: number, hour: number) =>
    new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, 0, 0, 0);
  switch (form.expected) {
    case 'today': {
      const evening = at(0, 20);
      return evening.getTime() > now.getTime() ? evening : new Date(now.getTime() + 3600_000);
    }
    case 'tomorrow':
      return at(1, 9);
    case 'weekend': {
      const toSaturday = (6 - now.getDay() + 7) % 7;
      return at(toSaturday === 0 && now.getHours() >= 12 ? 7 : toSaturday, 9);
    }
    case 'date':
      return combineDateTime(form.expectedDate, '09:00');
    default:
      return null;
  }
}

export function toCreateNeedRequest(form: NeedForm, communityId: number, now = new Date()): CreateNeedRequest {
  const when = expectedAt(form, now);
  const place = form.place.trim();
  return {
    communityId,
    category: form.category as NeedCategory,
    title: form.title.trim(),
    description: form.description.trim(),
    ...(form.buildingId ? { buildingId: form.buildingId } : {}),
    ...(place ? { place } : {}),
    ...(when ? { expectedAt: when.toISOString() } : {}),
    ...(form.photos.length ? { photos: form.photos } : {}),
    ...(form.proxy
      ? {
          onBehalfOf: {
            name: form.proxyName.trim(),
            ...(form.proxyPhone.trim() ? { phone: form.proxyPhone.trim() } : {}),
          },
        }
      : {}),
  };
}

/** Whether the duplicate check is worth asking (a category and a few characters of title). */
export function duplicateQueryReady(form: Pick<NeedForm, 'category' | 'title'>): boolean {
  return !!form.category && len(form.title) >= 4;
}

/** API field names (details[].field) → form fields. */
const API_FIELDS: Record<string, NeedField> = {
  category: 'category',
  title: 'title',
  description: 'description',
  place: 'place',
  photos: 'photos',
  expectedAt: 'expectedDate',
  'onBehalfOf.name': 'proxyName',
  'onBehalfOf.phone': 'proxyPhone',
};

/** The API's field errors on the form's fields (the first message of each). */
export function needFieldErrors(details: { field: string; message: string }[]): FormErrors<NeedField> {
  const out: FormErrors<NeedField> = {};
  for (const d of details) {
    const f = API_FIELDS[d.field];
    if (f && !out[f]) out[f] = d.message;
  }
  return out;
}
