import { RosterMatchDecision, RosterMatchStatus, type RosterCandidateDto } from '@sbd/contracts';
import { maskIdNumber, maskPhone, rosterMatch, type PinyinOf } from '@sbd/domain';
import { pinyin } from 'pinyin-pro';
import type { FieldCipher } from '../../platform/crypto/field-cipher';
import { idList, inSlices, type Executor } from '../shared/report-sql';

/** Every reading of one character without tone (多音字 too), as the domain rule wants it (cached: names repeat characters). */
const cache = new Map<string, string[]>();
export const pinyinOf: PinyinOf = (c) => {
  let v = cache.get(c);
  if (v === undefined) {
    v = pinyin(c, { toneType: 'none', multiple: true, type: 'array' });
    if (cache.size < 20_000) cache.set(c, v);
  }
  return v;
};

/** What matching reads of a roster entry. */
export interface EntryKey {
  id: number;
  unitId: number;
  name: string;
  phoneHash: string;
  idNumberHash: string | null;
}

export interface RegKey {
  id: number;
  userId: number;
  status: string;
  name: string;
  phoneEnc: string;
  phoneHash: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
}

export interface EntryMatch {
  status: RosterMatchStatus;
  /** The matched registration (exact or confirmed); null unless matched. */
  registration: RegKey | null;
  /** The candidate of a 待核对 entry. */
  candidate: RegKey | null;
}

const REG_COLS = 'id, user_id, status, name, phone_enc, phone_hash, id_number_enc, id_number_hash';
const toReg = (r: Record<string, unknown>): RegKey => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  status: String(r.status),
  name: String(r.name),
  phoneEnc: String(r.phone_enc),
  phoneHash: String(r.phone_hash),
  idNumberEnc: (r.id_number_enc as string | null) ?? null,
  idNumberHash: (r.id_number_hash as string | null) ?? null,
});

/** Of several registrations for one entry: the approved one, else the newest. */
export function bestMatch<T extends { id: number; status: string }>(candidates: T[]): T | null {
  if (!candidates.length) return null;
  return [...candidates].sort(
    (a, b) => Number(b.status === 'approved') - Number(a.status === 'approved') || b.id - a.id,
  )[0];
}

const pairKey = (phoneHash: string, name: string) => `${phoneHash}|${name}`;

/** The outcome of the domain rule for one entry and one registration. */
export function outcomeOf(e: EntryKey, r: RegKey) {
  return rosterMatch(
    { name: e.name, phone: e.phoneHash, idNumber: e.idNumberHash },
    { name: r.name, phone: r.phoneHash, idNumber: r.idNumberHash },
    pinyinOf,
  );
}

/**
 * How each entry of one unit relates to the registrations: matched (same phone and name, or a
 * confirmed pairing), 待核对 (a candidate by the domain rule, not rejected) or unmatched.
 */
export async function classifyEntries(
  x: Executor,
  unitId: number,
  entries: EntryKey[],
): Promise<Map<number, EntryMatch>> {
  const regs = new Map<number, RegKey>();
  const phones = [...new Set(entries.map((e) => e.phoneHash))];
  const ids = [...new Set(entries.map((e) => e.idNumberHash).filter((h): h is string => !!h))];
  for (const [column, values] of [
    ['phone_hash', phones],
    ['id_number_hash', ids],
  ] as const) {
    await inSlices(values, 500, async (slice) => {
      const rows: Record<string, unknown>[] = await x.query(
        `SELECT ${REG_COLS} FROM registrations WHERE ${column} IN (${slice.map(() => '?').join(', ')})`,
        slice,
      );
      for (const r of rows) regs.set(Number(r.id), toReg(r));
    });
  }
  const decisions: { phone_hash: string; name: string; registration_id: unknown; decision: string }[] = await x.query(
    'SELECT phone_hash, name, registration_id, decision FROM roster_match_decisions WHERE unit_id = ?',
    [unitId],
  );
  const missing = [...new Set(decisions.map((d) => Number(d.registration_id)))].filter((id) => !regs.has(id));
  await inSlices(missing, 500, async (slice) => {
    for (const r of await x.query(`SELECT ${REG_COLS} FROM registrations WHERE id IN ${idList(slice)}`))
      regs.set(Number(r.id), toReg(r));
  });
  const decided = new Map<string, Map<number, string>>();
  for (const d of decisions) {
    const k = pairKey(d.phone_hash, d.name);
    decided.set(k, (decided.get(k) ?? new Map()).set(Number(d.registration_id), d.decision));
  }
  const byPhone = new Map<string, RegKey[]>();
  const byId = new Map<string, RegKey[]>();
  for (const r of regs.values()) {
    byPhone.set(r.phoneHash, [...(byPhone.get(r.phoneHash) ?? []), r]);
    if (r.idNumberHash) byId.set(r.idNumberHash, [...(byId.get(r.idNumberHash) ?? []), r]);
  }
  const out = new Map<number, EntryMatch>();
  for (const e of entries) {
    const mine = decided.get(pairKey(e.phoneHash, e.name)) ?? new Map<number, string>();
    const exact = (byPhone.get(e.phoneHash) ?? []).filter((r) => r.name === e.name);
    const confirmed = [...mine]
      .filter(([, d]) => d === RosterMatchDecision.Confirmed)
      .map(([id]) => regs.get(id))
      .filter((r): r is RegKey => !!r);
    const matched = bestMatch([...exact, ...confirmed]);
    if (matched) {
      out.set(e.id, { status: RosterMatchStatus.Matched, registration: matched, candidate: null });
      continue;
    }
    const near = new Map<number, RegKey>();
    for (const r of [...(byPhone.get(e.phoneHash) ?? []), ...(e.idNumberHash ? (byId.get(e.idNumberHash) ?? []) : [])])
      if (mine.get(r.id) !== RosterMatchDecision.Rejected && outcomeOf(e, r) === 'review') near.set(r.id, r);
    const candidate = bestMatch([...near.values()]);
    out.set(e.id, {
      status: candidate ? RosterMatchStatus.Review : RosterMatchStatus.Unmatched,
      registration: null,
      candidate,
    });
  }
  return out;
}

/** A candidate as the API shows it: numbers masked, with why the pair is 待核对. */
export function candidateDto(cipher: FieldCipher, e: EntryKey, r: RegKey): RosterCandidateDto {
  const reasons = [
    r.phoneHash === e.phoneHash ? '同手机号' : '',
    e.idNumberHash && r.idNumberHash === e.idNumberHash ? '同身份证号' : '',
  ].filter(Boolean);
  return {
    registrationId: r.id,
    name: r.name,
    phone: maskPhone(cipher.decrypt(r.phoneEnc)),
    idNumber: r.idNumberEnc ? maskIdNumber(cipher.decrypt(r.idNumberEnc)) : null,
    registrationStatus: r.status,
    reason: `${reasons.join('、')}，姓名不一致`,
  };
}
