// The reporting context's public face.
export { ExportsModule } from './exports/exports.module';
export { RostersModule } from './rosters/rosters.module';
export { StatsModule } from './stats/stats.module';
