import { Module } from '@nestjs/common';
import { EmergencyController } from './emergency.controller';
import { EmergencyService } from './emergency.service';
import { MusterService } from './muster.service';

@Module({ controllers: [EmergencyController], providers: [EmergencyService, MusterService] })
export class EmergencyModule {}
