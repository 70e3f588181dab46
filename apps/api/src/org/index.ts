// The org context's public face: other contexts import only from here.
export { CommunityQrService } from './community-qr.service';
export { OrgModule } from './org.module';
export { OrgService } from './org.service';
export { ORG_TABLES, orgNodeReader, positionReader, type OrgNodeView, type PositionView } from './org-read';
