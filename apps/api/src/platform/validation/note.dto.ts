import type { NoteRequest } from '@sbd/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The body of an action that needs nothing but may carry a note. Declaring it makes the global
 * pipe refuse junk (unknown keys, arrays, text) instead of silently ignoring the body.
 */
export class NoteDto implements NoteRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
