import { Module } from '@nestjs/common';
import { NextController } from './next.controller';
import { NextService } from './next.service';

/** The home page's one read (GET /api/me/next). */
@Module({ controllers: [NextController], providers: [NextService] })
export class HomeModule {}
