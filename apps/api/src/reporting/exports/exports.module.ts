import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** Staff lists as Excel, exactly as filtered on screen. */
@Module({ controllers: [ExportsController], providers: [ExportsService] })
export class ExportsModule {}
