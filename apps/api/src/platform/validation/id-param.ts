import { Injectable, type PipeTransform } from '@nestjs/common';
import { badRequest } from '../errors/app-errors';

/**
 * Route ids: a positive decimal integer, checked on the raw text (so "0x10", "1e3", "-1" and
 * "0" are refused instead of being coerced), with a Chinese message.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const raw = typeof value === 'number' ? String(value) : value;
    if (typeof raw !== 'string' || !/^[1-9]\d{0,19}$/.test(raw)) {
      throw badRequest('编号必须是正整数', 'id');
    }
    return Number(raw);
  }
}

export const IdParam = new IdParamPipe();
