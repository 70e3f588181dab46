import { Text } from '@tarojs/components';
import { Role } from '@sbd/contracts';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { activeAssignment, useSession } from '@/platform/session';
import { TaskFeed } from '@/features/tasks/TaskFeed';
import { workTilesFor } from '@/features/home/tiles';
import { Tiles } from '@/features/home/Tile';

const FEED_ROLES: (Role | undefined)[] = [Role.Member, Role.BranchSecretary];

/** 任务 (tab): the task hall for members and branch secretaries; every other role's work entries. */
export default function TasksTab() {
  const session = useSession();
  const role = activeAssignment(session);
  if (!session?.accessToken) return <Gate title="任务" loggedIn={false} need="" />;
  if (FEED_ROLES.includes(role?.role)) return <TaskFeed />;
  return (
    <Page title="任务">
      <Text className="t-s t-muted block mb-24">当前身份的办理入口</Text>
      <Tiles tiles={workTilesFor(role)} />
    </Page>
  );
}
