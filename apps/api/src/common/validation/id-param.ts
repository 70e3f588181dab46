import { ParseIntPipe } from '@nestjs/common';
import { badRequest } from '../errors/app-errors';

/** Route ids: positive integers, with a Chinese message otherwise. */
export const IdParam = new ParseIntPipe({ exceptionFactory: () => badRequest('编号必须是正整数', 'id') });
