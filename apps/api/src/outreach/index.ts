// The outreach context's public face.
export { MatchingModule } from './matching/matching.module';
