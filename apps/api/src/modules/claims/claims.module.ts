import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module';
import { ClaimsController } from './claims.controller';
import { ClaimsService } from './claims.service';

@Module({ imports: [PointsModule], controllers: [ClaimsController], providers: [ClaimsService], exports: [ClaimsService] })
export class ClaimsModule {}
